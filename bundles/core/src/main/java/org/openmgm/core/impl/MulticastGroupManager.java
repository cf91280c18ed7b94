package org.openmgm.core.impl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Multicast Group Manager of {@code spec/MGM.md}: registration (§3.1–3.2), interface
 * ownership (§2.5, §3.3–3.5), membership (§3.6–3.7), MFEs (§2.7, §3.9–3.14, §5.8–5.11), group
 * enumeration (§3.15–3.17) and the departure of a protocol (§5.13).
 *
 * <h2>Concurrency (DESIGN.md rule 4, spec [RES Q31])</h2>
 * All state lives in {@link MgmState} behind one lock and is mutated serially. An operation
 * validates, commits its change and collects the callbacks it owes in an {@link Outbox} under the
 * lock, then releases it and delivers them on the calling thread, so callbacks may call back into
 * the MGM. Forwarding-plane events and timers run on the event executor ({@code
 * mgm-core-events-*}). An IGMP disable/enable bracket (§4.9) is committed atomically with the
 * ownership change; the interface stays marked until just before EnableIgmp is delivered, so IGMP
 * cannot change membership there in between ([RES Q33]) and no bracket nests. A {@link Watchdog}
 * skips protocols stuck in a callback and gives the event executor another worker meanwhile.
 *
 * <p>The resolutions OpenMGM adds to the spec's are listed in the package documentation.
 *
 * <p>This class is plain Java; {@link MgmComponent} binds it to OSGi.
 */
public final class MulticastGroupManager extends MgmReadSide {

    private static final Logger log = LoggerFactory.getLogger(MulticastGroupManager.class);
    static final String EVENT_THREAD_PREFIX = "mgm-core-events-";

    private final MgmState s;
    private final ScheduledExecutorService events;
    private final Watchdog watchdog;
    private final CallbackDispatcher dispatcher;
    private final MfeOps mfes;
    private final MembershipOps memberships;
    private final OwnershipOps ownership;
    private final PlaneEvents planeEvents;
    private final WrongInterfaceAlerts wrongIf;
    private final Registrar registrar;
    private final ClientCalls calls;
    private ScheduledFuture<?> ticker;

    /**
     * Creates an MGM; call {@link #start()} before use.
     *
     * @param settings the validated configuration
     * @param plane the forwarding plane to drive
     * @param routes the multicast view
     * @param events the executor for plane events and timers (a single thread in production)
     * @param clock the time source of MFE timers
     */
    public MulticastGroupManager(MgmSettings settings, ForwardingPlane plane, RouteLookups routes,
                                 ScheduledExecutorService events, Clock clock) {
        this(new MgmState(settings, clock, plane, routes), events);
    }

    private MulticastGroupManager(MgmState s, ScheduledExecutorService events) {
        super(s);
        this.s = s;
        this.events = events;
        MgmSettings settings = s.settings;
        this.watchdog = new Watchdog(settings.stallCallbackMillis(), this::eventThreadStalled,
                this::eventThreadRecovered);
        this.dispatcher = new CallbackDispatcher(settings.slowCallbackMillis(), watchdog,
                settings.callbackJournalSize());
        this.mfes = new MfeOps(s, this::applyLifetime);
        this.memberships = new MembershipOps(s, mfes);
        this.ownership = new OwnershipOps(s, memberships, mfes);
        this.wrongIf = new WrongInterfaceAlerts(s);
        this.registrar = new Registrar(s, dispatcher);
        MfeCreation creation = new MfeCreation(s, mfes, dispatcher, wrongIf);
        this.calls = new ClientCalls(s, memberships, creation, dispatcher);
        this.planeEvents = new PlaneEvents(s, mfes, creation, wrongIf,
                dispatcher, events);
    }

    /** Opens the forwarding plane and starts the expiry tick. */
    public void start() {
        s.plane.open(planeEvents);
        ticker = events.scheduleAtFixedRate(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    }

    private void tickSafely() {
        try {
            planeEvents.tick();
        } catch (RuntimeException e) {
            log.error("MFE expiry tick failed", e);
        }
    }

    /** The listener to publish so that route providers can announce changes ([RES Q6]). */
    public MulticastRouteListener routeListener() {
        return planeEvents;
    }

    @Override
    MfeOps mfeOps() {
        return mfes;
    }

    @Override
    public List<org.openmgm.api.CallbackRecord> recentCallbacks(int maxEntries) {
        if (maxEntries < 0) {
            throw MgmException.invalid("maxEntries must not be negative, got " + maxEntries);
        }
        return List.copyOf(dispatcher.journal().recent(maxEntries));
    }

    /** Membership and MFE operations of clients (spec §3.6, §3.7, §3.14, §3.15, OpenMGM A9, A10). */
    ClientCalls calls() {
        return calls;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    MgmState state() {
        return s;
    }

    /** Applies settings that can change in place. */
    void updateSettings(MgmSettings newSettings) {
        MgmSettings old = s.settings;
        s.settings = newSettings;
        dispatcher.setSlowMillis(newSettings.slowCallbackMillis());
        dispatcher.setJournalSize(newSettings.callbackJournalSize());
        watchdog.setStallMillis(newSettings.stallCallbackMillis());
        if (old.igmpProtocolId() != newSettings.igmpProtocolId()) {
            log.warn("{} changed from {} to {}: it applies to protocols that register from now on",
                    MgmSettings.IGMP_PROTOCOL_ID, old.igmpProtocolId(), newSettings.igmpProtocolId());
        }
    }

    // ---------------------------------------------------------------- registration (§3.1, §3.2)

    /**
     * Registers a client (spec §3.1) and hands it its handle through {@code attached}.
     *
     * @param id protocol and component numbers
     * @param name human-readable name for logs and views
     * @param bundle symbolic name of the registering bundle, for logs and views
     * @param protocol the callback table
     * @return the handle, already passed to {@code protocol.attached}
     * @throws MgmException ALREADY_EXISTS for a duplicate id or a second IGMP client,
     *     INVALID_PARAMETER for a missing argument, CAN_NOT_COMPLETE when stopped
     */
    public ProtocolRegistration register(ProtocolId id, String name, String bundle, MulticastRoutingProtocol protocol) {
        return registrar.register(id, name, bundle, protocol, c -> new Registration(this, c));
    }

    /** Spec §3.2: deregisters a client that holds nothing (see {@link Registrar#deregister}). */
    void deregister(Client client) {
        registrar.deregister(client);
    }

    /**
     * The protocol's service went away: release every interface it holds exactly as an orderly
     * shutdown would (spec §5.13 step 1, with all callbacks to the others), deregister it (step 2)
     * and finally tell it {@code detached}. The departing client receives no other callback from
     * the moment this starts. Idempotent.
     *
     * @param client the departing client
     */
    void depart(Client client) {
        s.lock.lock();
        try {
            if (client.state != Client.State.ACTIVE || s.stopped) {
                return;
            }
            client.state = Client.State.DEPARTING;
        } finally {
            s.lock.unlock();
        }
        log.info("Protocol {} is leaving; releasing {}", client, snapshotInterfaces(client));
        for (InterfaceId ifId = nextToRelease(client); ifId != null; ifId = nextToRelease(client)) {
            try {
                changeOwnership(client, ifId, false);
            } catch (MgmException e) {
                // The protocol released it itself meanwhile, or the MGM stopped: nothing to undo.
                log.debug("Release of {} for departing {}: {}", ifId, client, e.getMessage());
            }
        }
        try {
            registrar.deregister(client);
        } catch (MgmException e) {
            // Only possible if the MGM stopped meanwhile, which discarded everything already.
            log.debug("Deregistration of {} after release: {}", client, e.getMessage());
        }
        dispatcher.invoke(client, CallbackKind.DETACHED, client.id, p -> p.detached(client.handle));
    }

    /** Waits until no bracket is open on the client's interfaces, then returns one to release. */
    private InterfaceId nextToRelease(Client client) {
        s.lock.lock();
        try {
            while (!s.stopped) {
                for (InterfaceId ifId : client.interfaces) {
                    if (!s.interfaces.get(ifId).igmpDisabled) {
                        return ifId;
                    }
                }
                if (client.interfaces.isEmpty()) {
                    return null;
                }
                s.bracketClosed.awaitUninterruptibly();
            }
            return null;
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Stops the MGM (spec [RES Q5]): every entry is withdrawn from the forwarding plane, all state
     * is discarded without alerts, every handle becomes invalid, and each protocol is told {@code
     * detached}.
     */
    public void stop() {
        List<Client> gone;
        s.lock.lock();
        try {
            if (s.stopped) {
                return;
            }
            s.stopped = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            gone = new ArrayList<>(s.clients.values());
            for (Client c : gone) {
                c.state = Client.State.GONE;
                c.interfaces.clear();
            }
            s.clients.clear();
            s.igmpClient = null;
            s.mfes.clear();
            s.memberships.clear();
            s.interfaces.clear();
            wrongIf.clear();
            s.bracketClosed.signalAll();
            try {
                s.plane.close();
            } catch (RuntimeException e) {
                log.error("Forwarding plane failed to close cleanly", e);
            }
        } finally {
            s.lock.unlock();
        }
        for (Client c : gone) {
            dispatcher.invoke(c, CallbackKind.DETACHED, c.id, p -> p.detached(c.handle));
        }
        log.info("Stopped; discarded {} registrations", gone.size());
    }

    // ---------------------------------------------------------------- ownership (§2.5, §3.3, §3.4)

    void takeInterface(Client client, InterfaceId ifId) {
        requireInterface(ifId);
        changeOwnership(client, ifId, true);
    }

    void releaseInterface(Client client, InterfaceId ifId) {
        requireInterface(ifId);
        changeOwnership(client, ifId, false);
    }

    /** Take or release, with the callbacks delivered and the bracket closed afterwards. */
    private void changeOwnership(Client client, InterfaceId ifId, boolean take) {
        Outbox out = new Outbox();
        InterfaceEntry bracket;
        Client igmp;
        s.lock.lock();
        try {
            ensureRunning();
            // A departing client still releases (its own cleanup) but takes nothing.
            if (take ? !client.isActive() : client.state == Client.State.GONE) {
                throw MgmException.invalid("registration of " + client + " is no longer valid");
            }
            igmp = s.igmpClient;
            bracket = take ? ownership.take(client, ifId, out) : ownership.release(client, ifId, out);
        } finally {
            s.lock.unlock();
        }
        dispatcher.deliver(out);
        closeBracket(bracket, igmp);
    }

    /** Clears the bracket mark, then delivers EnableIgmp (spec §4.9: Enable follows the change). */
    private void closeBracket(InterfaceEntry bracket, Client igmp) {
        if (bracket == null) {
            return;
        }
        s.lock.lock();
        try {
            bracket.igmpDisabled = false;
            s.bracketClosed.signalAll();
        } finally {
            s.lock.unlock();
        }
        InterfaceId ifId = bracket.id;
        Outbox out = new Outbox();
        out.add(igmp, CallbackKind.ENABLE_IGMP, ifId, p -> p.enableIgmp(ifId));
        dispatcher.deliver(out);
    }

    /** Applies the lifetime a prune alert (memberDelete false) answered ([RES Q20]). */
    private void applyLifetime(MfeEntry m, Duration lifetime) {
        s.lock.lock();
        try {
            if (!s.stopped && m.live) {
                mfes.setLifetime(m, lifetime);
            }
        } finally {
            s.lock.unlock();
        }
    }

    SortedSet<InterfaceId> snapshotInterfaces(Client client) {
        s.lock.lock();
        try {
            return Collections.unmodifiableSortedSet(new TreeSet<>(client.interfaces));
        } finally {
            s.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- watchdog hooks

    private void eventThreadStalled(Thread t) {
        if (events instanceof ScheduledThreadPoolExecutor pool && t.getName().startsWith(EVENT_THREAD_PREFIX)) {
            pool.setCorePoolSize(pool.getCorePoolSize() + 1);
            log.warn("Event thread {} is stuck in a protocol callback; added a worker ({} now)", t.getName(),
                    pool.getCorePoolSize());
        }
    }

    private void eventThreadRecovered(Thread t) {
        if (events instanceof ScheduledThreadPoolExecutor pool && t.getName().startsWith(EVENT_THREAD_PREFIX)
                && pool.getCorePoolSize() > 1) {
            pool.setCorePoolSize(pool.getCorePoolSize() - 1);
        }
    }

    // ---------------------------------------------------------------- checks

    private void ensureRunning() {
        ClientCalls.ensureRunning(s);
    }

    private static void requireInterface(InterfaceId ifId) {
        if (ifId == null) {
            throw MgmException.invalid("interface must not be null");
        }
    }
}
