package org.openmgm.core.impl.igmp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MGM's IGMP client (spec §1.2, §2.5, §4.6–4.7, §4.9): listens to what the IGMP router
 * learns and keeps the MGM's memberships equal to it, as the registered IGMP protocol.
 *
 * <h2>Mapping (RFC 3376 §6.3, spec §2.6)</h2>
 * <ul>
 *   <li>IGMP starts on an interface: take it (T5, T6); it stops: release it (T10, T11), which
 *       removes IGMP's memberships there with the usual callbacks.</li>
 *   <li>A group in INCLUDE mode with sources A: one (S,G) JOIN per source of A.</li>
 *   <li>A group in EXCLUDE mode with excluded sources X: a (*,G) JOIN that excludes X (OpenMGM
 *       A9), the exclusions set before the join so that no excluded packet slips through.</li>
 *   <li>A transition adds what is new before it deletes what is gone ({@link AppliedGroup}), so a
 *       receiver that stays never sees its interface leave an MFE for a moment.</li>
 * </ul>
 *
 * <h2>Disable / enable (spec §4.9)</h2>
 * After {@code disableIgmp(I)} nothing changes on I; {@code enableIgmp(I)} means the MGM removed
 * IGMP's memberships there, so everything IGMP knows about I is added again — afterwards, on the
 * client's own thread, never inside the callback. Every MGM call checks, under the call lock that
 * the two callbacks also take, that no bracket began and none ended since the interface's state
 * was read (an epoch per interface), so no call can act on a forgotten state.
 *
 * <h2>Threading</h2>
 * Listener calls only record what changed and return at once; the IGMP thread never waits for the
 * MGM or for a routing protocol's local join callback. The work runs on the executor given to
 * the constructor, one drain at a time, coalescing: a group that changed five times while the MGM
 * was busy is applied once, in its latest state.
 */
public class IgmpClient implements IgmpMembershipListener, MulticastRoutingProtocol {

    private static final Logger log = LoggerFactory.getLogger(IgmpClient.class);

    private static final long RETRY_NANOS = 1_000_000_000L;

    private final Executor executor;
    private final Map<InterfaceId, ClientPort> ports = new HashMap<>();
    private final ReentrantLock callLock = new ReentrantLock();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private ProtocolRegistration registration;

    private final LongAdder calls = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder resyncs = new LongAdder();

    /**
     * Creates a client.
     *
     * @param executor runs the work: a single thread in the router, the caller's in benchmarks
     */
    public IgmpClient(Executor executor) {
        this.executor = executor;
    }

    // ---------------------------------------------------------------- IgmpMembershipListener

    @Override
    public void interfaceStarted(InterfaceId ifId) {
        synchronized (this) {
            ClientPort p = ports.computeIfAbsent(ifId, ClientPort::new);
            p.started = true;
            p.visit = true;
        }
        schedule();
    }

    @Override
    public void interfaceStopped(InterfaceId ifId) {
        synchronized (this) {
            ClientPort p = ports.get(ifId);
            if (p == null) {
                return;
            }
            p.started = false;
            p.desired.clear();
            p.dirty.clear();
            p.visit = true;
        }
        schedule();
    }

    @Override
    public void groupChanged(InterfaceId ifId, IgmpGroup group) {
        synchronized (this) {
            ClientPort p = ports.computeIfAbsent(ifId, ClientPort::new);
            if (group.isJoined()) {
                p.desired.put(group.group(), group);
            } else {
                p.desired.remove(group.group());
            }
            p.dirty.add(group.group());
        }
        schedule();
    }

    // ---------------------------------------------------------------- MulticastRoutingProtocol

    @Override
    public void attached(ProtocolRegistration r) {
        callLock.lock();
        try {
            synchronized (this) {
                registration = r;
                ports.values().forEach(p -> {
                    p.held = false;
                    p.forgetMemberships();
                });
            }
        } finally {
            callLock.unlock();
        }
        log.info("IGMP is the MGM's IGMP client as {}", r.id());
        schedule();
    }

    @Override
    public void detached(ProtocolRegistration r) {
        callLock.lock();
        try {
            synchronized (this) {
                if (registration == r) {
                    registration = null;
                    ports.values().forEach(p -> {
                        p.held = false;
                        p.disabled = false;
                        p.forgetMemberships();
                    });
                }
            }
        } finally {
            callLock.unlock();
        }
    }

    @Override
    public void disableIgmp(InterfaceId ifId) {
        callLock.lock();                        // waits for a call in flight, so none follows
        try {
            synchronized (this) {
                ports.computeIfAbsent(ifId, ClientPort::new).disabled = true;
            }
        } finally {
            callLock.unlock();
        }
    }

    @Override
    public void enableIgmp(InterfaceId ifId) {
        callLock.lock();
        try {
            synchronized (this) {
                ClientPort p = ports.computeIfAbsent(ifId, ClientPort::new);
                p.disabled = false;
                p.forgetMemberships();          // IGMP keeps its hold; only memberships went
            }
        } finally {
            callLock.unlock();
        }
        resyncs.increment();
        schedule();                             // re-add afterwards, not from inside (§4.9)
    }

    // ---------------------------------------------------------------- the work

    private void schedule() {
        pending.set(true);
        if (!draining.get()) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                log.debug("IGMP client stopped; change not applied");   // the MGM forgets IGMP anyway
            }
        }
    }

    /** Applies everything that changed; changes made meanwhile just leave more work for the loop. */
    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            while (pending.getAndSet(false)) {
                for (ClientPort p : portsToVisit()) {
                    visit(p);
                }
            }
        } catch (RuntimeException e) {
            log.error("IGMP client failed; memberships resynchronise at the next change", e);
        } finally {
            draining.set(false);
        }
        if (pending.get()) {
            schedule();                         // a change raced with the end of the loop
        }
    }

    private synchronized List<ClientPort> portsToVisit() {
        List<ClientPort> out = new ArrayList<>(ports.size());
        for (ClientPort p : ports.values()) {
            if (p.visit || !p.dirty.isEmpty() || !p.refused.isEmpty()) {
                out.add(p);
            }
        }
        if (out.size() > 1) {
            out.sort((a, b) -> a.id.compareTo(b.id));
        }
        return out;
    }

    /*
     * Only the draining thread removes a port from the map, so within a drain a Port object stays
     * the interface's; its fields are read and written under the client's monitor.
     */

    private void visit(ClientPort p) {
        ProtocolRegistration r;
        long epoch;
        boolean take;
        boolean release;
        synchronized (this) {
            r = registration;
            if (r == null || p.disabled) {
                return;                         // attached or enableIgmp bring us back
            }
            p.visit = false;
            epoch = p.epoch;
            if (!p.started && !p.held) {
                ports.remove(p.id);
                return;
            }
            take = p.started && !p.held;
            release = !p.started;
        }
        InterfaceId ifId = p.id;
        if (release) {
            if (call(p, epoch, () -> r.releaseInterface(ifId), MgmStatus.NOT_FOUND)) {
                forgetReleased(p, epoch);
            }
            return;
        }
        if (take && call(p, epoch, () -> r.takeInterface(ifId), MgmStatus.ALREADY_EXISTS)) {
            markHeld(p, epoch);
        }
        AppliedGroup.Calls mgm = action -> call(p, epoch, action);
        for (InetAddress g : takeDirty(p, epoch)) {
            applyGroup(r, p, g, epoch, mgm);
        }
    }

    private synchronized void markHeld(ClientPort p, long epoch) {
        if (p.epoch == epoch) {
            p.held = true;
        }
    }

    private synchronized void forgetReleased(ClientPort p, long epoch) {
        if (p.epoch == epoch) {
            p.held = false;
            p.applied.clear();                  // the MGM removed our memberships with the hold
            if (!p.started) {
                ports.remove(p.id);
            } else {
                p.forgetMemberships();          // started again meanwhile: take it again
            }
        }
    }

    /**
     * Takes the groups to bring up to date: those that changed, and once a second those the MGM
     * refused before (a refusal is not retried in a loop).
     */
    private synchronized List<InetAddress> takeDirty(ClientPort p, long epoch) {
        if (p.disabled || p.epoch != epoch || !p.held) {
            return List.of();
        }
        if (!p.refused.isEmpty()) {
            long now = System.nanoTime();
            if (now - p.lastRetryNanos >= RETRY_NANOS) {
                p.lastRetryNanos = now;
                p.dirty.addAll(p.refused);
                p.refused.clear();
            }
        }
        if (p.dirty.isEmpty()) {
            return List.of();
        }
        List<InetAddress> out = new ArrayList<>(p.dirty);
        p.dirty.clear();
        return out;
    }

    /** Brings one group's memberships on one interface to IGMP's current state. */
    private void applyGroup(ProtocolRegistration r, ClientPort p, InetAddress g, long epoch, AppliedGroup.Calls mgm) {
        IgmpGroup want;
        AppliedGroup have;
        synchronized (this) {
            want = p.desired.get(g);
            have = p.applied.computeIfAbsent(g, AppliedGroup::new);
        }
        boolean done = want != null && want.mode() == FilterMode.EXCLUDE
                ? have.toExclude(r, p.id, want.sources(), mgm)
                : have.toInclude(r, p.id, want == null ? Set.of() : want.sources(), mgm);
        synchronized (this) {
            if (p.epoch != epoch) {
                return;                         // the MGM forgot it all meanwhile; the resync redoes it
            }
            if (!done) {
                if (!p.dirty.contains(g)) {
                    p.refused.add(g);           // retried by a later drain, at most once a second
                }
            } else if (have.isEmpty()) {
                p.applied.remove(g);
            }
        }
    }

    /**
     * Makes one MGM call if the interface's state is still the one read at {@code epoch} and no
     * bracket is open; returns whether it was made and succeeded (or failed with a status that
     * means the goal is reached already: ALREADY_EXISTS when taking, NOT_FOUND when releasing).
     */
    private boolean call(ClientPort p, long epoch, Runnable action, MgmStatus... goalReached) {
        callLock.lock();
        try {
            synchronized (this) {
                if (p.epoch != epoch || p.disabled) {
                    return false;
                }
            }
            calls.increment();
            action.run();
            return true;
        } catch (MgmException e) {
            for (MgmStatus fine : goalReached) {
                if (e.status() == fine) {
                    return true;
                }
            }
            refused.increment();
            if (e.status() == MgmStatus.CAN_NOT_COMPLETE) {
                log.debug("IGMP on {}: {}", p.id, e.getMessage());
            } else {
                log.warn("IGMP on {}: the MGM refused a change: {}", p.id, e.getMessage());
            }
            return false;
        } finally {
            callLock.unlock();
        }
    }

    /**
     * Returns counters: {@code calls} (MGM calls made), {@code refused} (calls the MGM refused),
     * {@code resyncs} (re-additions after enableIgmp).
     *
     * @return the counters by name
     */
    public Map<String, Long> counters() {
        return Map.of("calls", calls.sum(), "refused", refused.sum(), "resyncs", resyncs.sum());
    }

    /**
     * Returns the interfaces the MGM holds for IGMP.
     *
     * @return a snapshot in interface order
     */
    public synchronized Set<InterfaceId> heldInterfaces() {
        Set<InterfaceId> out = new TreeSet<>();
        ports.forEach((id, p) -> {
            if (p.held) {
                out.add(id);
            }
        });
        return out;
    }
}
