package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Multicast Group Manager of {@code spec/MGM.md}: registrations (§3.1–3.2), interface
 * ownership (§2.5, §3.3–3.5) and the orderly departure of a protocol (§5.13).
 *
 * <h2>Concurrency</h2>
 * All state is guarded by one lock and mutated serially. An operation validates, commits its
 * state change and collects the callbacks it owes in an {@link Outbox} under the lock, then
 * releases the lock and delivers them on the calling thread (spec [RES Q31]). Callbacks may
 * therefore call back into the MGM. An IGMP disable/enable bracket (§4.9) is committed
 * atomically with the ownership change; the interface stays marked until just before EnableIgmp
 * is delivered, so IGMP cannot change membership there in between ([RES Q33]) and no other
 * ownership change can nest a second bracket on it.
 *
 * <p>This class is plain Java; {@link MgmComponent} binds it to OSGi.
 */
public final class MulticastGroupManager implements MulticastGroupService {

    private static final Logger log = LoggerFactory.getLogger(MulticastGroupManager.class);

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a disable/enable bracket closes. */
    private final Condition bracketClosed = lock.newCondition();
    private final CallbackDispatcher dispatcher;

    // Guarded by lock.
    private final Map<ProtocolId, Client> clients = new LinkedHashMap<>();
    private final Map<InterfaceId, InterfaceEntry> interfaces = new HashMap<>();
    private Client igmpClient;
    private long nextOrder;
    private boolean stopped;
    private volatile MgmSettings settings;

    /**
     * Creates a running MGM.
     *
     * @param settings the validated configuration
     */
    public MulticastGroupManager(MgmSettings settings) {
        this.settings = settings;
        this.dispatcher = new CallbackDispatcher(settings.slowCallbackMillis());
    }

    /** Applies settings that can change in place. */
    void updateSettings(MgmSettings newSettings) {
        MgmSettings old = settings;
        settings = newSettings;
        dispatcher.setSlowMillis(newSettings.slowCallbackMillis());
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
        if (id == null || protocol == null || name == null || bundle == null) {
            throw MgmException.invalid("registration needs an id, a name, a bundle and a callback table");
        }
        Client client;
        lock.lock();
        try {
            ensureRunning();
            Client existing = clients.get(id);
            if (existing != null) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, "protocol " + id
                        + " is already registered as " + existing + " by bundle " + existing.bundle);
            }
            boolean igmp = id.protocol() == settings.igmpProtocolId();
            if (igmp && igmpClient != null) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, "an IGMP client is already registered: "
                        + igmpClient + " by bundle " + igmpClient.bundle);
            }
            client = new Client(id, name, bundle, igmp, protocol, nextOrder++);
            client.attachingThread = Thread.currentThread();
            client.handle = new Registration(this, client);
            clients.put(id, client);
            if (igmp) {
                igmpClient = client;
            }
        } finally {
            lock.unlock();
        }
        log.info("Registered protocol {}{} from bundle {}", client, client.igmp ? " as IGMP" : "", bundle);
        ProtocolRegistration handle = client.handle;
        try {
            dispatcher.invoke(client, CallbackKind.ATTACHED, id.toString(), p -> p.attached(handle));
        } finally {
            client.attached();
        }
        return handle;
    }

    /**
     * Deregisters a client that holds nothing (spec §3.2). Its handle becomes invalid.
     *
     * @throws MgmException CAN_NOT_COMPLETE if it still holds interfaces (nothing changes),
     *     INVALID_PARAMETER if it is no longer registered
     */
    void deregister(Client client) {
        lock.lock();
        try {
            if (client.state == Client.State.GONE || clients.get(client.id) != client) {
                throw MgmException.invalid("protocol " + client + " is not registered");
            }
            if (!client.interfaces.isEmpty()) {
                throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "protocol " + client
                        + " still owns " + client.interfaces + "; release them before deregistering");
            }
            client.state = Client.State.GONE;
            clients.remove(client.id);
            if (client == igmpClient) {
                igmpClient = null;
            }
        } finally {
            lock.unlock();
        }
        log.info("Deregistered protocol {}", client);
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
        lock.lock();
        try {
            if (client.state != Client.State.ACTIVE || stopped) {
                return;
            }
            client.state = Client.State.DEPARTING;
        } finally {
            lock.unlock();
        }
        log.info("Protocol {} is leaving; releasing {}", client, snapshotInterfaces(client));
        for (InterfaceId ifId = nextToRelease(client); ifId != null; ifId = nextToRelease(client)) {
            release(client, ifId);
        }
        try {
            deregister(client);
        } catch (MgmException e) {
            // Only possible if the MGM stopped meanwhile, which discarded everything already.
            log.debug("Deregistration of {} after release: {}", client, e.getMessage());
        }
        dispatcher.invoke(client, CallbackKind.DETACHED, client.id.toString(), p -> p.detached(client.handle));
    }

    /** Waits until no bracket is open on the client's interfaces, then returns one to release. */
    private InterfaceId nextToRelease(Client client) {
        lock.lock();
        try {
            while (!stopped) {
                InterfaceId candidate = null;
                for (InterfaceId ifId : client.interfaces) {
                    if (!interfaces.get(ifId).igmpDisabled) {
                        candidate = ifId;
                        break;
                    }
                }
                if (candidate != null || client.interfaces.isEmpty()) {
                    return candidate;
                }
                bracketClosed.awaitUninterruptibly();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the MGM (spec [RES Q5]): all state is discarded without alerts, every handle becomes
     * invalid, and each protocol is told {@code detached}.
     */
    public void stop() {
        List<Client> gone;
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            gone = new ArrayList<>(clients.values());
            for (Client c : gone) {
                c.state = Client.State.GONE;
                c.interfaces.clear();
            }
            clients.clear();
            interfaces.clear();
            igmpClient = null;
            bracketClosed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Client c : gone) {
            dispatcher.invoke(c, CallbackKind.DETACHED, c.id.toString(), p -> p.detached(c.handle));
        }
        log.info("Stopped; discarded {} registrations", gone.size());
    }

    // ---------------------------------------------------------------- ownership (§2.5, §3.3, §3.4)

    /** Spec §3.3: transitions T1–T7. */
    void takeInterface(Client client, InterfaceId ifId) {
        requireInterface(ifId);
        Outbox out = new Outbox();
        InterfaceEntry bracket = null;
        Client igmp;
        lock.lock();
        try {
            ensureRunning();
            ensureActive(client);
            igmp = igmpClient;
            InterfaceEntry e = interfaces.get(ifId);
            ensureNoBracket(e);
            String before = e == null ? "UNOWNED" : e.stateName();
            if (client.igmp) {
                if (e != null && e.igmp) {
                    throw new MgmException(MgmStatus.ALREADY_EXISTS, "IGMP already holds " + ifId); // T7
                }
                e = interfaces.computeIfAbsent(ifId, InterfaceEntry::new);
                e.igmp = true;                                                                // T5, T6
            } else {
                if (e != null && e.routingOwner == client) {
                    throw new MgmException(MgmStatus.ALREADY_EXISTS, client + " already owns " + ifId); // T4
                }
                if (e != null && e.routingOwner != null) {
                    throw new MgmException(MgmStatus.ALREADY_EXISTS, ifId + " is owned by "
                            + e.routingOwner + "; one routing protocol per interface");               // T3
                }
                if (e == null) {
                    e = new InterfaceEntry(ifId);                                                // T1
                    interfaces.put(ifId, e);
                } else {
                    bracket = openBracket(e, igmp, out);                                         // T2
                }
                e.routingOwner = client;
            }
            client.interfaces.add(ifId);
            log.info("{} took {}: {} -> {}", client, ifId, before, e.stateName());
        } finally {
            lock.unlock();
        }
        dispatcher.deliver(out);
        closeBracket(bracket, igmp);
    }

    /** Spec §3.4: transitions T8–T12. Also used by {@link #depart(Client)}. */
    void releaseInterface(Client client, InterfaceId ifId) {
        requireInterface(ifId);
        lock.lock();
        try {
            ensureActive(client);
        } finally {
            lock.unlock();
        }
        release(client, ifId);
    }

    private void release(Client client, InterfaceId ifId) {
        Outbox out = new Outbox();
        InterfaceEntry bracket = null;
        Client igmp;
        lock.lock();
        try {
            ensureRunning();
            if (client.state == Client.State.GONE) {
                throw MgmException.invalid("registration of " + client + " is no longer valid");
            }
            igmp = igmpClient;
            InterfaceEntry e = interfaces.get(ifId);
            boolean holds = e != null && (client.igmp ? e.igmp : e.routingOwner == client);
            if (!holds) {
                throw MgmException.invalid(client + " does not hold " + ifId + " (interface not found)"); // T12
            }
            ensureNoBracket(e);
            String before = e.stateName();
            if (client.igmp) {
                e.igmp = false;                                                                  // T10, T11
            } else {
                if (e.igmp) {
                    bracket = openBracket(e, igmp, out);                                         // T9
                }
                e.routingOwner = null;                                                           // T8
            }
            client.interfaces.remove(ifId);
            if (!e.isHeld()) {
                interfaces.remove(ifId);
            }
            log.info("{} released {}: {} -> {}", client, ifId, before, e.isHeld() ? e.stateName() : "UNOWNED");
        } finally {
            lock.unlock();
        }
        dispatcher.deliver(out);
        closeBracket(bracket, igmp);
    }

    /** Opens a disable/enable bracket on an interface IGMP holds; the caller holds the lock. */
    private InterfaceEntry openBracket(InterfaceEntry e, Client igmp, Outbox out) {
        e.igmpDisabled = true;
        InterfaceId ifId = e.id;
        out.add(igmp, CallbackKind.DISABLE_IGMP, ifId.toString(), p -> p.disableIgmp(ifId));
        return e;
    }

    /** Clears the bracket mark, then delivers EnableIgmp (spec §4.9: Enable follows the change). */
    private void closeBracket(InterfaceEntry bracket, Client igmp) {
        if (bracket == null) {
            return;
        }
        lock.lock();
        try {
            bracket.igmpDisabled = false;
            bracketClosed.signalAll();
        } finally {
            lock.unlock();
        }
        InterfaceId ifId = bracket.id;
        Outbox out = new Outbox();
        out.add(igmp, CallbackKind.ENABLE_IGMP, ifId.toString(), p -> p.enableIgmp(ifId));
        dispatcher.deliver(out);
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<ProtocolId> protocolOnInterface(InterfaceId ifId) {
        return interfaceOwnership(ifId).map(InterfaceOwnership::component);
    }

    @Override
    public Optional<InterfaceOwnership> interfaceOwnership(InterfaceId ifId) {
        requireInterface(ifId);
        lock.lock();
        try {
            ensureRunning();
            InterfaceEntry e = interfaces.get(ifId);
            return e == null ? Optional.empty() : Optional.of(ownershipOf(e));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<InterfaceOwnership> interfaces() {
        lock.lock();
        try {
            ensureRunning();
            return interfaces.values().stream().map(this::ownershipOf)
                    .sorted(Comparator.comparing(InterfaceOwnership::id)).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<RegisteredProtocol> protocols() {
        lock.lock();
        try {
            ensureRunning();
            return clients.values().stream().map(MulticastGroupManager::describe).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<RegisteredProtocol> protocol(ProtocolId id) {
        lock.lock();
        try {
            ensureRunning();
            return Optional.ofNullable(clients.get(id)).map(MulticastGroupManager::describe);
        } finally {
            lock.unlock();
        }
    }

    SortedSet<InterfaceId> snapshotInterfaces(Client client) {
        lock.lock();
        try {
            return Collections.unmodifiableSortedSet(new TreeSet<>(client.interfaces));
        } finally {
            lock.unlock();
        }
    }

    private InterfaceOwnership ownershipOf(InterfaceEntry e) {
        return new InterfaceOwnership(e.id,
                Optional.ofNullable(e.routingOwner).map(c -> c.id),
                e.igmp ? Optional.of(igmpClient.id) : Optional.empty());
    }

    private static RegisteredProtocol describe(Client c) {
        return new RegisteredProtocol(c.id, c.name, c.igmp, c.bundle, c.interfaces);
    }

    // ---------------------------------------------------------------- checks

    private void ensureRunning() {
        if (stopped) {
            throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "the MGM is stopped");
        }
    }

    private static void ensureActive(Client client) {
        if (!client.isActive()) {
            throw MgmException.invalid("registration of " + client + " is no longer valid");
        }
    }

    private static void ensureNoBracket(InterfaceEntry e) {
        if (e != null && e.igmpDisabled) {
            throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "ownership of " + e.id
                    + " is changing (IGMP disable/enable in progress); try again");
        }
    }

    private static void requireInterface(InterfaceId ifId) {
        if (ifId == null) {
            throw MgmException.invalid("interface must not be null");
        }
    }
}
