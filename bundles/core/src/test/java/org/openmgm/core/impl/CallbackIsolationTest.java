package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;

/** DESIGN.md rule 4 and spec §4.1: isolation, re-entrancy and ordering of callbacks. */
class CallbackIsolationTest extends MgmFixture {

    /** Own threads: the common pool may have a single worker on a 2-core machine. */
    final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aThrowingCallbackIsCountedAndTheOperationCompletes() {
        RecordingProtocol igmp = register(ProtocolId.IGMP_PROTOCOL, new RecordingProtocol() {
            @Override
            public void disableIgmp(InterfaceId ifId) {
                super.disableIgmp(ifId);
                throw new IllegalStateException("boom");
            }
        });
        RecordingProtocol a = register(100);
        handle(igmp).takeInterface(IF1);

        handle(a).takeInterface(IF1);

        assertEquals(Optional.of(ProtocolId.of(100, 0)), mgm.protocolOnInterface(IF1));
        assertEquals(List.of(new ProtocolEvent.DisableIgmp(IF1), new ProtocolEvent.EnableIgmp(IF1)),
                igmp.events().subList(1, 3), "enable is still delivered after disable threw");
        assertEquals(1, client(igmp).counters.failedCount(CallbackKind.DISABLE_IGMP));
        assertEquals(1, client(igmp).counters.deliveredCount(CallbackKind.ENABLE_IGMP));
    }

    @Test
    void aThrowingAttachedKeepsTheRegistration() {
        RecordingProtocol p = new RecordingProtocol(r -> {
            throw new IllegalStateException("bad start");
        });
        ProtocolRegistration handle = mgm.register(ProtocolId.of(7, 0), "p7", "b", p);

        assertTrue(handle.isValid());
        assertEquals(1, ((Registration) handle).client().counters.failedCount(CallbackKind.ATTACHED));
    }

    @Test
    void aSlowCallbackIsCountedAsSlow() {
        MulticastGroupManager fast = withSettings(Map.of(MgmSettings.SLOW_CALLBACK_MS, "1"));
        RecordingProtocol sleepy = new RecordingProtocol(r -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        ProtocolRegistration handle = fast.register(ProtocolId.of(7, 0), "p7", "b", sleepy);

        assertEquals(1, ((Registration) handle).client().counters.slowCount(CallbackKind.ATTACHED));
    }

    @Test
    void attachedMayCallTheMgmAndTakeInterfaces() {
        RecordingProtocol p = register(100, RecordingProtocol.taking(IF1, IF2));

        assertEquals(java.util.Set.of(IF1, IF2), handle(p).interfaces());
    }

    @Test
    @Timeout(10)
    void noCallbackOvertakesAttached() throws Exception {
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);
        mgm.depart(client(igmp));
        CountDownLatch insideAttached = new CountDownLatch(1);
        CountDownLatch finishAttach = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean attachReturned = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        // A new IGMP that takes IF1 from inside attached, then lingers there.
        RecordingProtocol slowIgmp = new RecordingProtocol(r -> {
            r.takeInterface(IF1);
            insideAttached.countDown();
            try {
                finishAttach.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }) {
            @Override
            public void attached(ProtocolRegistration registration) {
                super.attached(registration);
                attachReturned.set(true);
            }

            @Override
            public void disableIgmp(InterfaceId ifId) {
                if (!attachReturned.get()) {
                    violations.add("disableIgmp overtook attached");
                }
                super.disableIgmp(ifId);
            }
        };
        CompletableFuture<Void> registration = CompletableFuture.runAsync(
                () -> mgm.register(ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 1), "igmp", "b", slowIgmp), threads);
        assertTrue(insideAttached.await(5, TimeUnit.SECONDS));
        RecordingProtocol a = register(100);

        // A's take owes IGMP a disable/enable pair; its delivery must wait until attached returned.
        Thread take = new Thread(() -> handle(a).takeInterface(IF1), "take");
        take.start();
        while (take.getState() != Thread.State.TIMED_WAITING && take.isAlive()) {
            Thread.onSpinWait();
        }
        finishAttach.countDown();
        registration.get(5, TimeUnit.SECONDS);
        take.join(5_000);

        assertEquals(List.of(), violations);
        assertEquals(List.of(new ProtocolEvent.DisableIgmp(IF1), new ProtocolEvent.EnableIgmp(IF1)),
                slowIgmp.events().subList(1, 3));
    }
}
