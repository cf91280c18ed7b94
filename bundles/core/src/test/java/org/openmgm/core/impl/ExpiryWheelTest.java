package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The expiry wheel against a direct scan: every entry expires at its deadline, never earlier, never twice. */
class ExpiryWheelTest {

    @Test
    void entriesExpireExactlyOnceNeverEarlyAndWithinASecondOfTheTickAfterTheirDeadline() {
        Random rnd = new Random(7);
        long start = 1_000_000;
        ExpiryWheel wheel = new ExpiryWheel(start);
        List<MfeEntry> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            MfeEntry e = new MfeEntry(i + 1);
            e.deadlineMillis = start + 1 + rnd.nextInt(3_000_000);     // up to ~3 turns of the wheel
            wheel.schedule(e);
            all.add(e);
        }
        // Re-arm some, disarm some.
        for (int i = 0; i < 500; i++) {
            MfeEntry e = all.get(rnd.nextInt(all.size()));
            e.deadlineMillis = rnd.nextBoolean() ? 0 : start + 1 + rnd.nextInt(3_000_000);
            wheel.schedule(e);
        }
        List<MfeEntry> expired = new ArrayList<>();
        for (long now = start; now <= start + 3_100_000; now += 1000 + rnd.nextInt(3000)) {
            for (MfeEntry e : wheel.advance(now)) {
                if (e.deadlineMillis > now || e.deadlineMillis == 0) {
                    throw new AssertionError("expired early: " + e.deadlineMillis + " at " + now);
                }
                if (now - e.deadlineMillis > 5000) {      // a step (< 4 s) plus the one-second granularity
                    throw new AssertionError("expired late: " + (now - e.deadlineMillis) + " ms");
                }
                expired.add(e);
            }
        }
        long armed = all.stream().filter(e -> e.deadlineMillis != 0).count();
        assertEquals(armed, expired.size());
        assertEquals(armed, expired.stream().distinct().count());
    }

    @Test
    void aLongPauseStillExpiresEverythingThatIsDue() {
        ExpiryWheel wheel = new ExpiryWheel(0);
        MfeEntry soon = new MfeEntry(1);
        soon.deadlineMillis = 5_000;
        MfeEntry late = new MfeEntry(2);
        late.deadlineMillis = 5_000_000;
        wheel.schedule(soon);
        wheel.schedule(late);

        assertEquals(List.of(soon), wheel.advance(4_000_000));
        assertEquals(List.of(late), wheel.advance(5_000_000));
    }
}
