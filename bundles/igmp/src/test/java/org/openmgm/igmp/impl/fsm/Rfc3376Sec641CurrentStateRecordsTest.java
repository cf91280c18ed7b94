package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.set;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;

/**
 * RFC 3376 §6.4.1: reception of current-state records (IS_IN, IS_EX), one test per table row in
 * each router state, plus the refresh that must announce nothing.
 */
class Rfc3376Sec641CurrentStateRecordsTest {

    static final InetAddress A1 = s(1);
    static final InetAddress A2 = s(2);
    static final InetAddress B3 = s(3);
    static final InetAddress X1 = s(11);
    static final InetAddress X2 = s(12);
    static final InetAddress Y1 = s(21);
    static final InetAddress Y2 = s(22);
    static final InetAddress N = s(30);

    /** INCLUDE ({a1,a2}) with both source timers at 250 s. */
    static Harness include12() {
        Harness h = Harness.querier();
        h.isIn(G, A1, A2);
        h.advance(10);
        h.port.clear();
        return h;
    }

    /**
     * EXCLUDE (X={x1,x2}, Y={y1,y2}): Y from IS_EX at t=0 (group timer 260 s then), X from IS_IN at
     * t=10; now t=20: group timer 240 s, X timers 250 s.
     */
    static Harness excludeXy() {
        Harness h = Harness.querier();
        h.isEx(G, Y1, Y2);
        h.advance(10);
        h.isIn(G, X1, X2);
        h.advance(10);
        h.port.clear();
        assertEquals(sec(240), h.group(G).groupTimerLeft());
        return h;
    }

    /** EXCLUDE ({}, {}) from IS_EX ({}) at t=0; now t=10, group timer 250 s. */
    static Harness exclude12() {
        Harness h = Harness.querier();
        h.isEx(G);
        h.advance(10);
        h.port.clear();
        return h;
    }

    @Test
    void includeIsIn_includeAplusB_BsetToGmi() {
        Harness h = include12();
        h.isIn(G, A2, B3);   // A={1,2}, B={2,3}

        h.assertState(G, FilterMode.INCLUDE, set(A1, A2, B3), set());
        assertEquals(sec(250), h.timer(G, A1));
        assertEquals(GMI, h.timer(G, A2));
        assertEquals(GMI, h.timer(G, B3));
        assertEquals(Duration.ZERO, h.group(G).groupTimerLeft());
        assertEquals(List.of(include(G, 3, A1, A2, B3)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void includeIsEx_excludeAandBminusA_BminusAZero_deleteAminusB_groupTimerGmi() {
        Harness h = include12();
        h.isEx(G, A2, B3);   // → EXCLUDE (A*B={2}, B-A={3})

        h.assertState(G, FilterMode.EXCLUDE, set(A2), set(B3));
        assertEquals(sec(250), h.timer(G, A2), "A*B keeps its timer");
        assertEquals(Duration.ZERO, h.timer(G, B3), "(B-A)=0");
        assertTrue(h.group(G).source(A1).isEmpty(), "Delete (A-B)");
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(List.of(exclude(G, 3, B3)), h.port.changes);
        assertTrue(h.port.queries.isEmpty(), "current-state records never trigger queries");
    }

    @Test
    void excludeIsIn_excludeXplusA_YminusA_AsetToGmi() {
        Harness h = excludeXy();
        h.isIn(G, X2, Y2, N);   // A = {x2, y2, n}

        h.assertState(G, FilterMode.EXCLUDE, set(X1, X2, Y2, N), set(Y1));
        assertEquals(sec(250), h.timer(G, X1));
        assertEquals(GMI, h.timer(G, X2));
        assertEquals(GMI, h.timer(G, Y2));
        assertEquals(GMI, h.timer(G, N));
        assertEquals(sec(240), h.group(G).groupTimerLeft(), "group timer untouched");
        assertEquals(List.of(exclude(G, 3, Y1)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void excludeIsEx_excludeAminusY_YandA_AminusXminusYGmi_deleteXminusAandYminusA_groupTimerGmi() {
        Harness h = excludeXy();
        h.isEx(G, X2, Y2, N);   // → EXCLUDE (A-Y={x2,n}, Y*A={y2})

        h.assertState(G, FilterMode.EXCLUDE, set(X2, N), set(Y2));
        assertEquals(sec(250), h.timer(G, X2), "X*A keeps its timer");
        assertEquals(GMI, h.timer(G, N), "(A-X-Y)=GMI");
        assertEquals(Duration.ZERO, h.timer(G, Y2));
        assertTrue(h.group(G).source(X1).isEmpty(), "Delete (X-A)");
        assertTrue(h.group(G).source(Y1).isEmpty(), "Delete (Y-A)");
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(List.of(exclude(G, 3, Y2)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void aRefreshOfTheSameStateRestartsTimersAndAnnouncesNothing() {
        Harness h = include12();
        h.isIn(G, A1, A2);
        assertEquals(GMI, h.timer(G, A1));
        assertTrue(h.port.changes.isEmpty(), "timers only: no groupChanged");

        Harness x = excludeXy();
        x.isEx(G, Y1, Y2);   // EXCLUDE (X,Y) IS_EX (Y): X deleted → still EXCLUDE {y1,y2}
        assertEquals(GMI, x.group(G).groupTimerLeft());
        assertTrue(x.port.changes.isEmpty(), "the Exclude List did not change");
    }

    @Test
    void aCurrentStateRecordOfNothingCreatesNoGroup() {
        Harness h = Harness.querier();
        h.isIn(G);
        h.assertNoGroup(G);
        assertTrue(h.port.changes.isEmpty());
    }

    @Test
    void isExOfNothingIsAnyMembership() {
        Harness h = Harness.querier();
        h.isEx(G);
        h.assertState(G, FilterMode.EXCLUDE, set(), set());
        assertEquals(List.of(exclude(G, 3)), h.port.changes);
        assertEquals(Harness.HOST, h.group(G).lastReporter());
    }
}
