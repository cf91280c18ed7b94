package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openmgm.api.ProtocolId;
import org.openmgm.testing.RecordingProtocol;

/** DESIGN.md rule 4: a callback that stalls is isolated: noticed, counted, its protocol skipped until it returns. */
class WatchdogTest {

    @Test
    @Timeout(10)
    void aStuckProtocolIsSkippedUntilItsCallReturns() throws Exception {
        List<Thread> stalled = new CopyOnWriteArrayList<>();
        List<Thread> recovered = new CopyOnWriteArrayList<>();
        Watchdog watchdog = new Watchdog(50, stalled::add, recovered::add);
        CallbackDispatcher dispatcher = new CallbackDispatcher(10_000, watchdog, 16);
        Client client = new Client(ProtocolId.of(7, 0), "slow", "b", false, new RecordingProtocol(), 0);
        client.attached();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        Thread caller = new Thread(() -> dispatcher.invoke(client, CallbackKind.JOIN_ALERT, "x", p -> {
            inside.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "caller");
        caller.start();
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        watchdog.check(System.nanoTime());
        assertFalse(client.stuck, "not stuck before the threshold");

        watchdog.check(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));

        assertTrue(client.stuck);
        assertEquals(List.of(caller), stalled);
        assertEquals(1, watchdog.stalls());
        assertEquals(1, client.counters.stalledCount(CallbackKind.JOIN_ALERT));
        dispatcher.invoke(client, CallbackKind.PRUNE_ALERT, "y", p -> {
            throw new AssertionError("a stuck protocol must be skipped");
        });
        assertEquals(1, client.counters.skippedCount(CallbackKind.PRUNE_ALERT));

        release.countDown();
        caller.join(5000);
        assertFalse(client.stuck, "delivered to again once the stuck call returned");
        assertEquals(List.of(caller), recovered);
    }
}
