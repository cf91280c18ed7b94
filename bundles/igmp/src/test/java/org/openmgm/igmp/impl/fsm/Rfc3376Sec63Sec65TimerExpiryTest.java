package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.gone;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.set;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.A1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.A2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.N;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.X1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.X2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.Y1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.Y2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.excludeXy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;

/** RFC 3376 §6.3 (source timer expiry) and §6.5 (group timer expiry: switching filter modes). */
class Rfc3376Sec63Sec65TimerExpiryTest {

    @Test
    void sec6_3_includeMode_anExpiredSourceIsDeleted_theLastOneTakesTheGroup() {
        Harness h = Harness.querier();
        h.isIn(G, A1);
        h.advance(100);
        h.isIn(G, A2);
        h.port.clear();

        h.advance(159.999);
        h.assertState(G, FilterMode.INCLUDE, set(A1, A2), set());
        h.advance(0.001);   // a1: t = 260
        h.assertState(G, FilterMode.INCLUDE, set(A2), set());
        assertEquals(List.of(include(G, 3, A2)), h.port.takeChanges());

        h.advance(100);     // a2: t = 360
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 3)), h.port.takeChanges());
        assertEquals(0, h.scheduler.queued() - 1, "only the general query timer is left");
    }

    @Test
    void sec6_3_excludeMode_anExpiredSourceMovesToTheExcludeList() {
        Harness h = Harness.querier();
        h.isIn(G, X1, X2);           // t=0: x1, x2 end at t=260
        h.advance(10);
        h.isEx(G, Y1, X1, X2);       // EXCLUDE ({x1,x2}, {y1}); X*A keep their timers; group timer ends t=270
        h.advance(5);
        h.isIn(G, X2);               // x2 ends t=275
        h.port.clear();

        h.advance(244.999);
        h.assertState(G, FilterMode.EXCLUDE, set(X1, X2), set(Y1));
        h.advance(0.001);            // t=260
        h.assertState(G, FilterMode.EXCLUDE, set(X2), set(Y1, X1));
        assertEquals(Duration.ZERO, h.timer(G, X1), "kept, at zero: blocked");
        assertEquals(List.of(exclude(G, 3, Y1, X1)), h.port.takeChanges());

        h.advance(10);               // t=270: §6.5, x2 still runs
        h.assertState(G, FilterMode.INCLUDE, set(X2), set());
        assertEquals(List.of(include(G, 3, X2)), h.port.takeChanges());
    }

    @Test
    void sec6_5_groupTimerExpiry_switchesToIncludeWithTheRunningSources_deletesTheExcludeList() {
        Harness h = excludeXy();   // t=20: group timer 240 s, x1, x2 250 s; y1, y2 at zero
        h.advance(239.999);
        h.assertState(G, FilterMode.EXCLUDE, set(X1, X2), set(Y1, Y2));
        assertTrue(h.port.changes.isEmpty());
        h.advance(0.001);
        h.assertState(G, FilterMode.INCLUDE, set(X1, X2), set());
        assertEquals(Duration.ZERO, h.group(G).groupTimerLeft(), "no group timer in INCLUDE mode");
        assertEquals(List.of(include(G, 3, X1, X2)), h.port.takeChanges());
        h.advance(10);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 3)), h.port.takeChanges());
    }

    @Test
    void sec6_5_groupTimerExpiry_withNoRunningSource_deletesTheGroup() {
        Harness h = Harness.querier();
        h.isEx(G, Y1, Y2);
        h.port.clear();
        h.advance(260);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 3)), h.port.changes);
    }

    @Test
    void sec6_5_sourceAndGroupTimersEndingTogether_giveOneTransition() {
        Harness h = Harness.nonQuerier();
        h.isEx(G, Y1);
        h.advance(10);
        h.block(G, N);   // n = group timer: both end at t=260
        h.port.clear();
        h.advance(250);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 3)), h.port.changes, "no intermediate EXCLUDE {y1, n}");
    }

    @Test
    void sec6_2_1_theGroupTimerRunsOnlyInExcludeMode() {
        Harness h = Harness.querier();
        h.isIn(G, A1);
        assertEquals(Duration.ZERO, h.group(G).groupTimerLeft());
        h.isEx(G, A1);
        assertEquals(Harness.GMI, h.group(G).groupTimerLeft());
    }
}
