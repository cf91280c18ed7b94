package org.openmgm.igmp.impl.glue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.openmgm.api.IgmpGroupStatus;
import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.IgmpService;
import org.openmgm.api.InterfaceId;
import org.openmgm.igmp.impl.fsm.IgmpCounters;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IGMP router of the whole box: runs IGMP on every interface that is configured for it and
 * exists, is up and has an IPv4 address; feeds received packets to it; tells the membership
 * listeners what it learns; answers the operator's questions ({@link IgmpService}).
 *
 * <h2>Threading</h2>
 * All IGMP state lives on one thread, the single thread behind the given scheduler ({@code
 * mgm-igmp-0} in the router): configuration, interface events and received packets are queued to
 * it, listeners are called on it, and status questions are answered on it. Received packets are
 * copied on the I/O thread and queued, at most {@value #MAX_QUEUED} at a time; beyond that a flood
 * is dropped and counted ({@code OVERLOAD}) instead of growing the queue without bound.
 *
 * <p>This class is plain Java; {@link IgmpRouterComponent} binds it to OSGi.
 */
public class IgmpRouter implements IgmpService, InterfaceListener {

    private static final Logger log = LoggerFactory.getLogger(IgmpRouter.class);
    static final int MAX_QUEUED = 16_384;

    private final IgmpPacketIo io;
    private final InterfaceDirectory directory;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Listeners listeners = new Listeners();
    private final Set<Object> wanted = ConcurrentHashMap.newKeySet();

    // On the IGMP thread only:
    private final Map<Object, IgmpInterfaceSettings> configs = new LinkedHashMap<>();
    private final Map<String, IgmpPort> running = new HashMap<>();
    private final Map<String, String> whyNotRunning = new HashMap<>();

    // Read by the I/O thread too:
    private final Map<InterfaceId, IgmpPort> byId = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder strays = new LongAdder();
    private volatile Thread owner;

    /**
     * Creates a router; call {@link #start()} to begin.
     *
     * @param io the packet I/O of the plane
     * @param directory the plane's interfaces
     * @param thread the scheduler whose single thread runs all IGMP work and timers
     * @param clock the clock of that scheduler
     */
    public IgmpRouter(IgmpPacketIo io, InterfaceDirectory directory, ScheduledExecutorService thread, Clock clock) {
        this.io = io;
        this.directory = directory;
        this.thread = thread;
        this.clock = clock;
    }

    /** Starts receiving; IGMP runs on interfaces once they are configured. */
    public void start() {
        io.startReceiving(this::received);
    }

    /**
     * Stops IGMP on every interface (listeners hear every group go, then every interface stop) and
     * stops receiving. Waits for the IGMP thread up to five seconds.
     */
    public void stop() {
        wanted.clear();
        try {
            query(() -> {
                new ArrayList<>(running.values()).forEach(this::stopPort);
                configs.clear();
                return null;
            });
        } finally {
            io.stopReceiving();
        }
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Sets the configuration of one interface (one factory configuration).
     *
     * @param key identifies the configuration (its PID)
     * @param settings the validated settings
     */
    public void configure(Object key, IgmpInterfaceSettings settings) {
        onThread(() -> {
            for (Map.Entry<Object, IgmpInterfaceSettings> e : configs.entrySet()) {
                if (!e.getKey().equals(key) && e.getValue().interfaceName().equals(settings.interfaceName())) {
                    log.error("Invalid configuration {}: interface = '{}' is configured already by {}; ignored",
                            key, settings.interfaceName(), e.getKey());
                    return;
                }
            }
            IgmpInterfaceSettings previous = configs.put(key, settings);
            if (previous != null && !previous.interfaceName().equals(settings.interfaceName())) {
                reconcile(previous.interfaceName());
            }
            reconcile(settings.interfaceName());
        });
    }

    /**
     * Removes the configuration of one interface: IGMP stops there.
     *
     * @param key identifies the configuration
     */
    public void unconfigure(Object key) {
        onThread(() -> {
            IgmpInterfaceSettings previous = configs.remove(key);
            if (previous != null) {
                reconcile(previous.interfaceName());
            }
        });
    }

    // ---------------------------------------------------------------- interfaces

    @Override
    public void interfaceChanged(NetworkInterfaceInfo current) {
        onThread(() -> {
            IgmpPort same = byId.get(current.id());
            if (same != null && !same.link.name().equals(current.name())) {
                reconcile(same.link.name());                            // renamed
            }
            reconcile(current.name());
        });
    }

    @Override
    public void interfaceRemoved(NetworkInterfaceInfo last) {
        onThread(() -> reconcile(last.name()));
    }

    /** Brings one interface to what its configuration and its state call for. */
    private void reconcile(String name) {
        IgmpInterfaceSettings want = configs.values().stream().filter(s -> s.interfaceName().equals(name))
                .findFirst().orElse(null);
        Optional<NetworkInterfaceInfo> info = want == null ? Optional.empty() : directory.byName(name);
        String problem = want == null ? null : info.isEmpty() ? "it does not exist" : unusable(info.get());
        IgmpPort port = running.get(name);
        if (port != null && (want == null || problem != null || !sameIdentity(port.link, info.get()))) {
            stopPort(port);
            port = null;
        }
        if (problem != null) {
            if (!problem.equals(whyNotRunning.put(name, problem))) {
                log.warn("IGMP is configured on {} but not running there: {}", name, problem);
            }
            return;
        }
        whyNotRunning.remove(name);
        if (want == null) {
            return;
        }
        if (port == null) {
            startPort(want, info.get());
        } else {
            port.link(info.get());
            if (!port.settings().equals(want)) {
                port.reconfigure(want);
                log.info("IGMP on {} reconfigured: {}", name, want.config());
            }
        }
    }

    private static String unusable(NetworkInterfaceInfo i) {
        if (!i.up()) {
            return "it is down";
        }
        if (!i.multicast()) {
            return "it cannot carry multicast";
        }
        return i.primaryAddress().isEmpty() ? "it has no IPv4 address" : null;
    }

    /** Same interface and same primary address (the querier election compares it): no restart. */
    private static boolean sameIdentity(NetworkInterfaceInfo a, NetworkInterfaceInfo b) {
        return a.id().equals(b.id()) && a.primaryAddress().equals(b.primaryAddress());
    }

    private void startPort(IgmpInterfaceSettings settings, NetworkInterfaceInfo link) {
        try {
            io.enable(link.id());
        } catch (RuntimeException e) {
            log.error("IGMP cannot receive on {}: {}", link.name(), e.toString());
            return;
        }
        IgmpPort port = new IgmpPort(link, settings, io, listeners, thread, clock);
        running.put(link.name(), port);
        byId.put(link.id(), port);
        listeners.interfaceStarted(link.id());
        port.start();
        log.info("IGMPv{} running on {} ({}/{})", settings.config().version(), link.name(),
                link.primaryAddress().orElseThrow().address().getHostAddress(),
                link.primaryAddress().orElseThrow().prefixLength());
    }

    private void stopPort(IgmpPort port) {
        running.remove(port.link.name());
        byId.remove(port.id());
        port.stop();                                        // every joined group is announced gone
        listeners.interfaceStopped(port.id());
        try {
            io.disable(port.id());
        } catch (RuntimeException e) {
            log.debug("Disabling IGMP reception on {}: {}", port.link.name(), e.toString());
        }
        log.info("IGMP stopped on {}", port.link.name());
    }

    // ---------------------------------------------------------------- packets

    /** Called by the packet I/O on its thread: copy, bound, queue. */
    void received(IgmpPacket packet) {
        IgmpPort port = byId.get(packet.ifId());
        if (port == null) {
            strays.increment();                             // IGMP stopped there meanwhile
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            port.counters.drop(IgmpCounters.Drop.OVERLOAD);
            return;
        }
        ByteBuffer payload = packet.payload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        try {
            thread.execute(() -> {
                queued.decrementAndGet();
                if (byId.get(packet.ifId()) == port) {
                    owner = Thread.currentThread();
                    port.receive(bytes, packet.source(), packet.destination(), packet.ttl(), packet.routerAlert());
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();                       // stopping
        }
    }

    // ---------------------------------------------------------------- listeners

    /**
     * Adds a membership listener: it is fed the current state on the IGMP thread, then gets the
     * live changes (the guarantee of {@link IgmpMembershipListener}).
     *
     * @param l the listener
     */
    public void addListener(IgmpMembershipListener l) {
        addListener(l, () -> l);
    }

    /**
     * Adds a membership listener that is looked up only when the IGMP thread feeds it (so that a
     * listener whose own activation needs this router is not fetched while the router activates).
     *
     * @param key what identifies the listener for {@link #removeListener(Object)}
     * @param lookup finds the listener; {@code null} if it went away meanwhile
     */
    public void addListener(Object key, Supplier<IgmpMembershipListener> lookup) {
        wanted.add(key);
        onThread(() -> {
            if (!wanted.contains(key)) {
                return;                                     // removed before it was fed
            }
            IgmpMembershipListener l = lookup.get();
            if (l == null) {
                return;
            }
            List<IgmpPort> ports = new ArrayList<>(running.values());
            ports.sort(Comparator.comparing(IgmpPort::id));
            for (IgmpPort p : ports) {
                listeners.one(l, x -> x.interfaceStarted(p.id()));
                p.joinedGroups().forEach(g -> listeners.one(l, x -> x.groupChanged(p.id(), g)));
            }
            listeners.add(key, l);
        });
    }

    /**
     * Removes a membership listener; it is called no more once the call in flight, if any, returns.
     *
     * @param key the listener, or the key it was added under
     */
    public void removeListener(Object key) {
        wanted.remove(key);
        listeners.remove(key);
    }

    // ---------------------------------------------------------------- IgmpService

    @Override
    public List<IgmpInterfaceStatus> interfaces() {
        return query(() -> running.values().stream().map(IgmpPort::status)
                .sorted(Comparator.comparing(IgmpInterfaceStatus::id)).toList());
    }

    @Override
    public Optional<IgmpInterfaceStatus> interfaceStatus(InterfaceId ifId) {
        return query(() -> Optional.ofNullable(byId.get(ifId)).map(IgmpPort::status));
    }

    @Override
    public List<IgmpGroupStatus> groups(InterfaceId ifId) {
        return query(() -> {
            List<IgmpPort> ports = new ArrayList<>(ifId == null ? running.values()
                    : Optional.ofNullable(byId.get(ifId)).map(List::of).orElse(List.of()));
            ports.sort(Comparator.comparing(IgmpPort::id));
            return ports.stream().flatMap(p -> p.groupStatus().stream()).toList();
        });
    }

    /**
     * Returns router-wide counters: {@code listenerFailures}, {@code strayPackets} (arrived where
     * IGMP had just stopped).
     *
     * @return the counters by name
     */
    public Map<String, Long> counters() {
        return Map.of("listenerFailures", listeners.failures(), "strayPackets", strays.sum());
    }

    // ---------------------------------------------------------------- the IGMP thread

    private void onThread(Runnable work) {
        try {
            thread.execute(() -> {
                owner = Thread.currentThread();
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("IGMP task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("IGMP is stopping; task dropped");
        }
    }

    /** Runs a question on the IGMP thread (directly when already on it) and waits for the answer. */
    private <T> T query(Callable<T> question) {
        if (Thread.currentThread() == owner) {
            try {
                return question.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return thread.submit(() -> {
                owner = Thread.currentThread();
                return question.call();
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the IGMP thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("IGMP failed to answer", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the IGMP thread did not answer within 5 s", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("IGMP is stopped", e);
        }
    }
}
