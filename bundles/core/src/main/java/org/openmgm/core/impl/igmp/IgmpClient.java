package org.openmgm.core.impl.igmp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    /** What IGMP wants on one interface and what the MGM holds of it. Guarded by the client. */
    private static final class Port {
        boolean started;
        boolean held;
        boolean disabled;
        boolean visit;
        long epoch;
        final Map<InetAddress, IgmpGroup> desired = new HashMap<>();
        final Map<InetAddress, AppliedGroup> applied = new HashMap<>();
        final Set<InetAddress> dirty = new LinkedHashSet<>();
        /** Groups whose change the MGM refused (e.g. its membership limit): retried later. */
        final Set<InetAddress> refused = new LinkedHashSet<>();
        long lastRetryNanos;

        /** The MGM no longer holds anything of ours here: redo it all. */
        void forgetMemberships() {
            applied.clear();
            refused.clear();
            dirty.addAll(desired.keySet());
            visit = true;
            epoch++;
        }
    }

    private static final long RETRY_NANOS = 1_000_000_000L;

    private final Executor executor;
    private final Map<InterfaceId, Port> ports = new HashMap<>();
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
            Port p = ports.computeIfAbsent(ifId, x -> new Port());
            p.started = true;
            p.visit = true;
        }
        schedule();
    }

    @Override
    public void interfaceStopped(InterfaceId ifId) {
        synchronized (this) {
            Port p = ports.get(ifId);
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
            Port p = ports.computeIfAbsent(ifId, x -> new Port());
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
                ports.computeIfAbsent(ifId, x -> new Port()).disabled = true;
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
                Port p = ports.computeIfAbsent(ifId, x -> new Port());
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
                for (InterfaceId ifId : portsToVisit()) {
                    visit(ifId);
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

    private synchronized List<InterfaceId> portsToVisit() {
        List<InterfaceId> out = new ArrayList<>();
        ports.forEach((id, p) -> {
            if (p.visit || !p.dirty.isEmpty() || !p.refused.isEmpty()) {
                out.add(id);
            }
        });
        out.sort(null);
        return out;
    }

    private void visit(InterfaceId ifId) {
        ProtocolRegistration r;
        long epoch;
        boolean take;
        synchronized (this) {
            Port p = ports.get(ifId);
            r = registration;
            if (p == null || r == null || p.disabled) {
                return;                         // attached or enableIgmp bring us back
            }
            p.visit = false;
            epoch = p.epoch;
            if (!p.started) {
                if (!p.held) {
                    ports.remove(ifId);
                    return;
                }
                take = false;
            } else {
                take = !p.held;
            }
        }
        if (!take && !isStarted(ifId)) {
            if (call(ifId, epoch, () -> r.releaseInterface(ifId), MgmStatus.NOT_FOUND)) {
                forgetReleased(ifId, epoch);
            }
            return;
        }
        if (take && call(ifId, epoch, () -> r.takeInterface(ifId), MgmStatus.ALREADY_EXISTS)) {
            markHeld(ifId, epoch);
        }
        for (InetAddress g : takeDirty(ifId, epoch)) {
            applyGroup(r, ifId, g, epoch);
        }
    }

    private synchronized boolean isStarted(InterfaceId ifId) {
        Port p = ports.get(ifId);
        return p != null && p.started;
    }

    private synchronized void markHeld(InterfaceId ifId, long epoch) {
        Port p = ports.get(ifId);
        if (p != null && p.epoch == epoch) {
            p.held = true;
        }
    }

    private synchronized void forgetReleased(InterfaceId ifId, long epoch) {
        Port p = ports.get(ifId);
        if (p != null && p.epoch == epoch) {
            p.held = false;
            p.applied.clear();                  // the MGM removed our memberships with the hold
            if (!p.started) {
                ports.remove(ifId);
            } else {
                p.forgetMemberships();          // started again meanwhile: take it again
            }
        }
    }

    /**
     * Takes the groups to bring up to date: those that changed, and once a second those the MGM
     * refused before (a refusal is not retried in a loop).
     */
    private synchronized List<InetAddress> takeDirty(InterfaceId ifId, long epoch) {
        Port p = ports.get(ifId);
        if (p == null || p.disabled || p.epoch != epoch || !p.held) {
            return List.of();
        }
        long now = System.nanoTime();
        if (!p.refused.isEmpty() && now - p.lastRetryNanos >= RETRY_NANOS) {
            p.lastRetryNanos = now;
            p.dirty.addAll(p.refused);
            p.refused.clear();
        }
        List<InetAddress> out = List.copyOf(p.dirty);
        p.dirty.clear();
        return out;
    }

    /** Brings one group's memberships on one interface to IGMP's current state. */
    private void applyGroup(ProtocolRegistration r, InterfaceId ifId, InetAddress g, long epoch) {
        IgmpGroup want;
        AppliedGroup have;
        synchronized (this) {
            Port p = ports.get(ifId);
            want = p.desired.get(g);
            have = p.applied.computeIfAbsent(g, AppliedGroup::new);
        }
        AppliedGroup.Calls mgm = action -> call(ifId, epoch, action);
        boolean done = want != null && want.mode() == FilterMode.EXCLUDE
                ? have.toExclude(r, ifId, want.sources(), mgm)
                : have.toInclude(r, ifId, want == null ? Set.of() : want.sources(), mgm);
        synchronized (this) {
            Port p = ports.get(ifId);
            if (p == null || p.epoch != epoch) {
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
    private boolean call(InterfaceId ifId, long epoch, Runnable action, MgmStatus... goalReached) {
        callLock.lock();
        try {
            synchronized (this) {
                Port p = ports.get(ifId);
                if (p == null || p.epoch != epoch || p.disabled) {
                    return false;
                }
            }
            calls.increment();
            action.run();
            return true;
        } catch (MgmException e) {
            if (Arrays.asList(goalReached).contains(e.status())) {
                return true;
            }
            refused.increment();
            if (e.status() == MgmStatus.CAN_NOT_COMPLETE) {
                log.debug("IGMP on {}: {}", ifId, e.getMessage());
            } else {
                log.warn("IGMP on {}: the MGM refused a change: {}", ifId, e.getMessage());
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
