package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Membership;
import org.openmgm.api.MgmException;
import org.openmgm.api.Mfe;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.testing.RecordingProtocol;

/**
 * DESIGN.md rule 4 under load: several threads change memberships and ownership while the plane
 * injects packets on its own thread and every callback re-enters the MGM (reads, and a join of its
 * own). Nothing deadlocks (the test has a timeout), no update is lost (each thread's final
 * memberships are exactly what it left), and the invariants hold once things settle.
 */
class ConcurrencyTest {

    static final int THREADS = 4;
    static final int OPERATIONS = 3000;

    final ScheduledThreadPoolExecutor events = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, MulticastGroupManager.EVENT_THREAD_PREFIX + "test"));
    final SimulatedPlane plane = new SimulatedPlane(Clock.systemUTC());
    final RouteLookups routes = new RouteLookups();
    final MulticastGroupManager mgm;

    ConcurrencyTest() {
        routes.add(plane, 0);
        mgm = new MulticastGroupManager(MgmSettings.DEFAULTS, plane, routes, events, Clock.systemUTC());
        mgm.start();
        plane.addRouteListener(mgm.routeListener());
    }

    @AfterEach
    void stop() {
        mgm.stop();
        events.shutdownNow();
    }

    /** A protocol whose every alert calls back into the MGM. */
    final class Reentrant extends RecordingProtocol {
        final InterfaceId spare;

        Reentrant(InterfaceId spare) {
            this.spare = spare;
        }

        @Override
        public void joinAlert(SourceGroup key, boolean memberUpdate) {
            super.joinAlert(key, memberUpdate);
            mgm.memberships();
            mgm.mfes().count();
        }

        @Override
        public java.time.Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete,
                                             java.time.Duration proposed) {
            mgm.interfaces();
            return super.pruneAlert(key, ifId, memberDelete, proposed);
        }

        @Override
        public java.util.Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming,
                                                        java.util.List<org.openmgm.spi.CandidateInterface> candidates) {
            try {   // a join on a spare interface of its own, from inside the creation alert
                requireRegistration().addMembership(SourceGroup.anySource(key.group().address()), spare);
            } catch (MgmException e) {
                // the spare may be mid-release by the worker thread; that is a legal refusal
            }
            return super.creationAlert(key, incoming, candidates);
        }
    }

    @Test
    @Timeout(120)
    void threadsAndReentrantCallbacksNeitherDeadlockNorLoseUpdates() throws Exception {
        List<Reentrant> protocols = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            InterfaceId home = InterfaceId.of(10 + t);
            Reentrant p = new Reentrant(InterfaceId.of(20 + t));
            mgm.register(ProtocolId.of(100 + t, 0), "p" + t, "test", p);
            p.requireRegistration().takeInterface(home);
            p.requireRegistration().takeInterface(p.spare);
            protocols.add(p);
        }
        plane.addRoute(Prefix.parse("10.0.0.0/8"), InterfaceId.of(10), S(0));
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger injected = new AtomicInteger();
        List<Set<SourceGroup>> finalJoins = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int n = t;
            Set<SourceGroup> mine = new HashSet<>();
            finalJoins.add(mine);
            workers.add(new Thread(() -> run(start, failure, () -> churn(protocols.get(n), InterfaceId.of(10 + n),
                    new Random(n), mine)), "worker-" + t));
        }
        Thread injector = new Thread(() -> run(start, failure, () -> {
            Random r = new Random(99);
            for (int i = 0; i < OPERATIONS; i++) {
                plane.inject(InterfaceId.of(10), S(r.nextInt(50)), G(r.nextInt(8)), 100);
                injected.incrementAndGet();
            }
        }), "injector");
        workers.forEach(Thread::start);
        injector.start();
        start.countDown();
        for (Thread w : workers) {
            w.join(90_000);
            assertTrue(!w.isAlive(), w.getName() + " is stuck: a deadlock?");
        }
        injector.join(90_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        quiesce();

        for (int t = 0; t < THREADS; t++) {
            InterfaceId home = InterfaceId.of(10 + t);
            Set<SourceGroup> actual = new TreeSet<>();
            for (Membership m : mgm.memberships()) {
                if (m.ifId().equals(home)) {
                    actual.add(m.key());
                }
            }
            assertEquals(new TreeSet<>(finalJoins.get(t)), actual, "thread " + t + " lost an update");
        }
        for (Mfe m : mgm.mfes().toList()) {
            assertTrue(!m.outgoingInterfaces().contains(m.incomingInterface()));
            ForwardingEntry f = plane.entries().get(m.key());
            assertEquals(List.copyOf(m.outgoingInterfaces()), f.outgoing(), "plane and MGM disagree on " + m.key());
        }
        assertEquals(mgm.mfes().count(), plane.entries().size());
        assertTrue(injected.get() == OPERATIONS);
    }

    private void churn(Reentrant p, InterfaceId home, Random r, Set<SourceGroup> mine) {
        ProtocolRegistration h = p.requireRegistration();
        for (int i = 0; i < OPERATIONS; i++) {
            SourceGroup key = r.nextBoolean() ? SourceGroup.anySource(G(r.nextInt(8)))
                    : SourceGroup.of(S(r.nextInt(50)), G(r.nextInt(8)));
            switch (r.nextInt(10)) {
                case 0 -> {                      // ownership churn on the spare: brackets, purges
                    h.releaseInterface(p.spare);
                    h.takeInterface(p.spare);
                }
                case 1, 2, 3 -> {
                    h.deleteMembership(key, home);
                    mine.remove(key);
                }
                default -> {
                    h.addMembership(key, home);
                    mine.add(key);
                }
            }
        }
    }

    private static void run(CountDownLatch start, AtomicReference<Throwable> failure, Runnable body) {
        try {
            start.await();
            body.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Waits until the event thread has processed everything queued so far. */
    private void quiesce() throws Exception {
        for (int i = 0; i < 3; i++) {
            CountDownLatch done = new CountDownLatch(1);
            events.execute(done::countDown);
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
    }

    static InetAddress S(int n) {
        return MgmFixture.ip("10.0." + (n / 200) + "." + (1 + n % 200));
    }

    static InetAddress G(int n) {
        return MgmFixture.ip("239.0.0." + (1 + n));
    }
}
