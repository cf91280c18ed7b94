package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.testing.ProtocolEvent.Attached;
import org.openmgm.testing.ProtocolEvent.Detached;
import org.openmgm.testing.ProtocolEvent.DisableIgmp;
import org.openmgm.testing.ProtocolEvent.EnableIgmp;
import org.openmgm.testing.RecordingProtocol;

/** Spec §5.13: a protocol's service goes away; the MGM does what an orderly shutdown would. */
class DepartureTest extends MgmFixture {

    /** Own threads: the common pool may have a single worker on a 2-core machine. */
    final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    static final ProtocolId A = ProtocolId.of(100, 0);
    static final ProtocolId B = ProtocolId.of(200, 0);

    final RecordingProtocol a = register(100);
    final RecordingProtocol b = register(200);
    final RecordingProtocol igmp = registerIgmp();

    @Test
    void departureReleasesEverythingLikeAnOrderlyShutdownAndLeavesOthersAlone() {
        handle(a).takeInterface(IF1);
        handle(a).takeInterface(IF2);
        handle(igmp).takeInterface(IF2);
        handle(b).takeInterface(IF3);
        handle(igmp).takeInterface(IF4);
        igmp.clear();
        b.clear();

        mgm.depart(client(a));

        // Step 1: releases; IF2 was shared with IGMP, so IGMP sees the T9 bracket for it only.
        assertEquals(List.of(new DisableIgmp(IF2), new EnableIgmp(IF2)), igmp.events());
        assertEquals(Optional.empty(), mgm.protocolOnInterface(IF1));
        assertEquals(Optional.of(igmp.requireRegistration().id()), mgm.protocolOnInterface(IF2));
        // Others untouched.
        assertEquals(Optional.of(B), mgm.protocolOnInterface(IF3));
        assertTrue(mgm.interfaceOwnership(IF4).orElseThrow().igmpPresent());
        assertTrue(b.events().isEmpty());
        // Step 2: deregistered, handle invalid, detached is the last thing it hears.
        assertFalse(handle(a).isValid());
        assertEquals(Optional.empty(), mgm.protocol(A));
        assertEquals(new Detached(A), a.events().getLast());
        assertEquals(List.of(new Attached(A), new Detached(A)), a.events());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).takeInterface(IF1));
    }

    @Test
    void igmpDepartureLeavesRoutingOwnersInPlaceWithoutBrackets() {
        handle(a).takeInterface(IF1);
        handle(igmp).takeInterface(IF1);
        handle(igmp).takeInterface(IF2);

        mgm.depart(client(igmp));

        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1));
        assertFalse(mgm.interfaceOwnership(IF1).orElseThrow().igmpPresent());
        assertEquals(Optional.empty(), mgm.protocolOnInterface(IF2));
        assertTrue(igmp.events(DisableIgmp.class).isEmpty());
        // IGMP can register again (a bundle update).
        RecordingProtocol again = registerIgmp();
        assertTrue(handle(again).isIgmp());
    }

    @Test
    void departureIsIdempotent() {
        handle(a).takeInterface(IF1);
        mgm.depart(client(a));
        mgm.depart(client(a));

        assertEquals(1, a.events(Detached.class).size());
    }

    @Test
    void theDepartingProtocolHearsNothingButDetached() {
        RecordingProtocol noisy = register(300, new RecordingProtocol() {
            @Override
            public void detached(org.openmgm.api.ProtocolRegistration r) {
                super.detached(r);
                assertFalse(r.isValid(), "the handle is invalid when detached is called");
            }
        });
        handle(noisy).takeInterface(IF1);
        handle(igmp).takeInterface(IF1);
        noisy.clear();

        mgm.depart(client(noisy));

        assertEquals(List.of(new Detached(ProtocolId.of(300, 0))), noisy.events());
    }

    @Test
    @Timeout(10)
    void departureWaitsForAnOpenBracketOnItsInterfaceToClose() throws Exception {
        // IGMP holds IF1 alone; A takes it and IGMP's disable callback blocks until released.
        CountDownLatch insideDisable = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        mgm.depart(client(igmp));
        RecordingProtocol slowIgmp = register(ProtocolId.IGMP_PROTOCOL, new RecordingProtocol() {
            @Override
            public void disableIgmp(InterfaceId ifId) {
                super.disableIgmp(ifId);
                insideDisable.countDown();
                awaitLatch(letGo);
            }
        });
        handle(slowIgmp).takeInterface(IF1);
        CompletableFuture<Void> take = CompletableFuture.runAsync(() -> handle(a).takeInterface(IF1), threads);
        assertTrue(insideDisable.await(5, TimeUnit.SECONDS));

        CompletableFuture<Void> departure = CompletableFuture.runAsync(() -> mgm.depart(client(slowIgmp)), threads);
        assertFalse(waitDone(departure, 200), "departure must wait for the bracket on IF1");
        letGo.countDown();

        take.get(5, TimeUnit.SECONDS);
        departure.get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1));
        assertFalse(mgm.interfaceOwnership(IF1).orElseThrow().igmpPresent());
        assertEquals(List.of(new DisableIgmp(IF1), new Detached(slowIgmp.requireRegistration().id())),
                slowIgmp.events().subList(1, slowIgmp.events().size()),
                "enable is skipped for a client that is leaving");
    }

    private static boolean waitDone(CompletableFuture<?> f, long millis) {
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
