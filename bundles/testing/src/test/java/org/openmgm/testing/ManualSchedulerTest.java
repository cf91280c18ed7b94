package org.openmgm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    final ManualScheduler scheduler = new ManualScheduler();
    final List<String> log = new ArrayList<>();

    @Test
    void nothingRunsUntilAskedAndTasksRunInTimeThenSubmissionOrder() {
        scheduler.schedule(() -> log.add("b@2s"), 2, TimeUnit.SECONDS);
        scheduler.execute(() -> log.add("a@0"));
        scheduler.schedule(() -> log.add("c@2s"), 2, TimeUnit.SECONDS);
        assertTrue(log.isEmpty());

        scheduler.runPending();
        assertEquals(List.of("a@0"), log);
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of("a@0", "b@2s", "c@2s"), log);
    }

    @Test
    void clockMovesOnlyWithAdvanceAndTasksSeeTheirOwnTime() {
        long start = scheduler.clock().millis();
        List<Long> seen = new ArrayList<>();
        scheduler.schedule(() -> seen.add(scheduler.clock().millis() - start), 1500, TimeUnit.MILLISECONDS);

        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(List.of(1500L), seen);
        assertEquals(10_000, scheduler.clock().millis() - start);
    }

    @Test
    void periodicTasksRepeatAndStopWhenCancelled() {
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> log.add("tick"), 1, 1, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofMillis(3500));
        assertEquals(3, log.size());
        f.cancel(false);
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(3, log.size());
        assertEquals(0, scheduler.queued());
    }

    @Test
    void workSubmittedByWorkRunsInTheSamePass() {
        scheduler.execute(() -> scheduler.execute(() -> log.add("nested")));
        assertEquals(2, scheduler.runPending());
        assertEquals(List.of("nested"), log);
    }
}
