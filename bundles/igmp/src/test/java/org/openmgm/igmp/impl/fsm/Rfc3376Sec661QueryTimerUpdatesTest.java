package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.HIGHER;
import static org.openmgm.igmp.impl.fsm.Harness.LMQT;
import static org.openmgm.igmp.impl.fsm.Harness.LOWER;
import static org.openmgm.igmp.impl.fsm.Harness.QI;
import static org.openmgm.igmp.impl.fsm.Harness.general;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.v3Query;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.X1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.X2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.Y1;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.igmp.impl.codec.MembershipQuery;

/**
 * RFC 3376 §6.6.1: timer updates on received specific queries, only with the S flag clear (§4.1.5)
 * and only on a non-querier (a querier lowers its timers when it sends, §6.6.3).
 */
class Rfc3376Sec661QueryTimerUpdatesTest {

    /** Non-querier with EXCLUDE (X={x1,x2}, Y={y1}), every timer at GMI. */
    static Harness nonQuerierWithState() {
        Harness h = Harness.nonQuerier();
        h.isEx(G, Y1);
        h.isIn(G, X1, X2);
        h.port.clear();
        return h;
    }

    @Test
    void groupSpecificQuery_lowersTheGroupTimerToLmqt() {
        Harness h = nonQuerierWithState();
        h.query(v3Query(G, false, 2, QI), LOWER);
        assertEquals(LMQT, h.group(G).groupTimerLeft());
        assertEquals(GMI, h.timer(G, X1), "Q(G) leaves source timers alone");
        assertTrue(h.port.changes.isEmpty());
        h.advance(2);
        assertEquals(List.of(Harness.include(G, 3, X1, X2)), h.port.changes, "§6.5 after LMQT");
    }

    @Test
    void groupAndSourceSpecificQuery_lowersTheListedSourceTimersToLmqt() {
        Harness h = nonQuerierWithState();
        h.query(v3Query(G, false, 2, QI, X1, Harness.s(99)), LOWER);
        assertEquals(LMQT, h.timer(G, X1));
        assertEquals(GMI, h.timer(G, X2));
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertTrue(h.group(G).source(Harness.s(99)).isEmpty(), "no record is created for a queried source");
    }

    @Test
    void sFlagSet_suppressesTheTimerUpdates() {
        Harness h = nonQuerierWithState();
        h.query(v3Query(G, true, 2, QI), LOWER);
        h.query(v3Query(G, true, 2, QI, X1), LOWER);
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(GMI, h.timer(G, X1));
        assertEquals(false, h.router.querier().querier(), "but not the election (§4.1.5)");
    }

    @Test
    void asQuerier_aQueryFromAHigherAddressUpdatesNothing() {
        Harness h = Harness.querier();
        h.isEx(G, Y1);
        h.isIn(G, X1);
        h.query(v3Query(G, false, 2, QI), HIGHER);
        h.query(v3Query(G, false, 2, QI, X1), HIGHER);
        assertTrue(h.router.querier().querier());
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(GMI, h.timer(G, X1));
    }

    @Test
    void aQuerierHearingASpecificQueryFromALowerAddress_stepsDownFirst_thenLowersItsTimers() {
        Harness h = Harness.querier();
        h.isEx(G, Y1);
        h.query(v3Query(G, false, 2, QI), LOWER);
        assertEquals(false, h.router.querier().querier());
        assertEquals(LMQT, h.group(G).groupTimerLeft());
    }

    @Test
    void timersAreOnlyLowered_neverRaised() {
        Harness h = nonQuerierWithState();
        h.query(v3Query(G, false, 2, QI), LOWER);
        h.advance(1.5);
        h.query(v3Query(G, false, 2, QI), LOWER);
        assertEquals(sec(0.5), h.group(G).groupTimerLeft());
    }

    @Test
    void generalQueriesUpdateNoTimer() {
        Harness h = nonQuerierWithState();
        h.advance(5);
        h.query(general(3), LOWER);
        assertEquals(sec(255), h.group(G).groupTimerLeft());
        assertEquals(sec(255), h.timer(G, X1));
    }

    @Test
    void anIgmpV2GroupSpecificQuery_lowersToLmqcTimesItsMaxRespTime_rfc2236_3() {
        Harness h = nonQuerierWithState();
        h.query(new MembershipQuery(2, G, Duration.ofMillis(500), false, 0, Duration.ZERO, List.of()), LOWER);
        assertEquals(sec(1), h.group(G).groupTimerLeft(), "2 × 0.5 s");
    }

    @Test
    void aQueryForAnUnknownGroupChangesNothing() {
        Harness h = nonQuerierWithState();
        h.query(v3Query(Harness.G2, false, 2, QI), LOWER);
        h.assertNoGroup(Harness.G2);
        assertEquals(GMI, h.group(G).groupTimerLeft());
    }
}
