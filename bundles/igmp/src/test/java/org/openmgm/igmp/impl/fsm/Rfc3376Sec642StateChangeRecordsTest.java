package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.LMQI;
import static org.openmgm.igmp.impl.fsm.Harness.LMQT;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.set;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.A1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.A2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.B3;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.N;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.X1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.X2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.Y1;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.Y2;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.exclude12;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.excludeXy;
import static org.openmgm.igmp.impl.fsm.Rfc3376Sec641CurrentStateRecordsTest.include12;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.codec.MembershipQuery;

/**
 * RFC 3376 §6.4.2: reception of filter-mode-change and source-list-change records (ALLOW, BLOCK,
 * TO_EX, TO_IN), one test per table row in each router state: resulting state, timers, the
 * queries the row sends (as querier) and the announcements.
 */
class Rfc3376Sec642StateChangeRecordsTest {

    /** Asserts one group-and-source-specific query as the querier sends it right after the record. */
    static void assertGss(Harness.Sent sent, boolean s, java.net.InetAddress... sources) {
        MembershipQuery q = sent.query();
        assertEquals(3, q.version());
        assertEquals(G, q.group());
        assertEquals(G, sent.destination(), "§4.1.12: sent to the group");
        assertEquals(LMQI, q.maxResponseTime(), "§8.8: Max Resp Code from LMQI");
        assertEquals(s, q.suppressRouterProcessing(), "S flag");
        assertEquals(2, q.robustness(), "QRV");
        assertEquals(Duration.ofSeconds(125), q.queryInterval(), "QQIC");
        assertEquals(set(sources), sent.sources());
    }

    @Test
    void includeAllow_includeAplusB_BsetToGmi() {
        Harness h = include12();
        h.allow(G, A2, B3);

        h.assertState(G, FilterMode.INCLUDE, set(A1, A2, B3), set());
        assertEquals(sec(250), h.timer(G, A1));
        assertEquals(GMI, h.timer(G, A2));
        assertEquals(GMI, h.timer(G, B3));
        assertEquals(List.of(include(G, 3, A1, A2, B3)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void includeBlock_includeA_sendQueryForAandB() {
        Harness h = include12();
        h.block(G, A2, B3);   // Q(G, A*B = {a2})

        h.assertState(G, FilterMode.INCLUDE, set(A1, A2), set());
        assertEquals(sec(250), h.timer(G, A1));
        assertEquals(LMQT, h.timer(G, A2), "§6.6.3.2: lowered to LMQT");
        assertTrue(h.group(G).source(B3).isEmpty(), "B-A is not added");
        assertEquals(1, h.port.queries.size());
        assertGss(h.port.queries.get(0), false, A2);
        assertTrue(h.port.changes.isEmpty(), "nothing stops before LMQT (§6.4.2)");
        assertEquals(1, h.counters.messages(IgmpCounters.Message.GROUP_SOURCE_QUERY_SENT));
    }

    @Test
    void includeToEx_excludeAandBminusA_BminusAZero_deleteAminusB_sendQueryForAandB_groupTimerGmi() {
        Harness h = include12();
        h.toEx(G, A2, B3);

        h.assertState(G, FilterMode.EXCLUDE, set(A2), set(B3));
        assertEquals(LMQT, h.timer(G, A2), "queried: lowered to LMQT");
        assertEquals(Duration.ZERO, h.timer(G, B3));
        assertTrue(h.group(G).source(A1).isEmpty());
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(1, h.port.queries.size());
        assertGss(h.port.queries.get(0), false, A2);
        assertEquals(List.of(exclude(G, 3, B3)), h.port.changes);
    }

    @Test
    void includeToIn_includeAplusB_BsetToGmi_sendQueryForAminusB() {
        Harness h = include12();
        h.toIn(G, A2, B3);   // Q(G, A-B = {a1})

        h.assertState(G, FilterMode.INCLUDE, set(A1, A2, B3), set());
        assertEquals(LMQT, h.timer(G, A1));
        assertEquals(GMI, h.timer(G, A2));
        assertEquals(GMI, h.timer(G, B3));
        assertEquals(1, h.port.queries.size());
        assertGss(h.port.queries.get(0), false, A1);
        assertEquals(List.of(include(G, 3, A1, A2, B3)), h.port.changes);
    }

    @Test
    void excludeAllow_excludeXplusA_YminusA_AsetToGmi() {
        Harness h = excludeXy();
        h.allow(G, X2, Y2, N);

        h.assertState(G, FilterMode.EXCLUDE, set(X1, X2, Y2, N), set(Y1));
        assertEquals(sec(250), h.timer(G, X1));
        assertEquals(GMI, h.timer(G, X2));
        assertEquals(GMI, h.timer(G, Y2));
        assertEquals(GMI, h.timer(G, N));
        assertEquals(sec(240), h.group(G).groupTimerLeft());
        assertEquals(List.of(exclude(G, 3, Y1)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void excludeBlock_excludeXplusAminusY_Y_AminusXminusYSetToGroupTimer_sendQueryForAminusY() {
        Harness h = excludeXy();
        h.block(G, X2, Y2, N);   // A-X-Y = {n} = group timer (240 s); Q(G, A-Y = {x2, n})

        h.assertState(G, FilterMode.EXCLUDE, set(X1, X2, N), set(Y1, Y2));
        assertEquals(sec(250), h.timer(G, X1));
        assertEquals(LMQT, h.timer(G, X2), "queried");
        assertEquals(LMQT, h.timer(G, N), "set to the group timer, then queried");
        assertEquals(sec(240), h.group(G).groupTimerLeft());
        assertEquals(1, h.port.queries.size());
        assertGss(h.port.queries.get(0), false, X2, N);
        assertTrue(h.port.changes.isEmpty(), "the Exclude List is unchanged");
    }

    @Test
    void excludeBlock_newSourcesTakeTheGroupTimerValue() {
        Harness h = Harness.nonQuerier();   // a non-querier does not lower them: the set value shows
        h.isEx(G, Y1);
        h.advance(30);
        h.block(G, N);

        assertEquals(sec(230), h.timer(G, N), "(A-X-Y)=Group Timer");
        assertTrue(h.port.queries.isEmpty(), "a non-querier sends no queries");
    }

    @Test
    void excludeToEx_excludeAminusY_YandA_AminusXminusYSetToGroupTimer_deletes_sendQuery_groupTimerGmi() {
        Harness h = excludeXy();
        h.toEx(G, X2, Y2, N);   // → EXCLUDE (A-Y={x2,n}, Y*A={y2}); Q(G, A-Y)

        h.assertState(G, FilterMode.EXCLUDE, set(X2, N), set(Y2));
        assertEquals(LMQT, h.timer(G, X2));
        assertEquals(LMQT, h.timer(G, N));
        assertTrue(h.group(G).source(X1).isEmpty(), "Delete (X-A)");
        assertTrue(h.group(G).source(Y1).isEmpty(), "Delete (Y-A)");
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(1, h.port.queries.size());
        assertGss(h.port.queries.get(0), false, X2, N);
        assertEquals(List.of(exclude(G, 3, Y2)), h.port.changes);
    }

    @Test
    void excludeToEx_asNonQuerier_newSourcesTakeTheOldGroupTimer() {
        Harness h = Harness.nonQuerier();
        h.isEx(G, Y1);
        h.advance(30);
        h.toEx(G, Y1, N);

        assertEquals(sec(230), h.timer(G, N), "(A-X-Y) = the group timer before it is set to GMI");
        assertEquals(GMI, h.group(G).groupTimerLeft());
    }

    @Test
    void excludeToIn_excludeXplusA_YminusA_AsetToGmi_sendQueryForXminusA_sendGroupQuery() {
        Harness h = excludeXy();
        h.toIn(G, X2, Y2, N);   // Q(G, X-A = {x1}), Q(G)

        h.assertState(G, FilterMode.EXCLUDE, set(X1, X2, Y2, N), set(Y1));
        assertEquals(LMQT, h.timer(G, X1));
        assertEquals(GMI, h.timer(G, X2));
        assertEquals(GMI, h.timer(G, Y2));
        assertEquals(GMI, h.timer(G, N));
        assertEquals(LMQT, h.group(G).groupTimerLeft(), "§6.6.3.1: group timer lowered to LMQT");
        List<Harness.Sent> sent = h.port.queries;
        assertEquals(2, sent.size());
        MembershipQuery gq = sent.get(0).query();
        assertEquals(G, gq.group());
        assertTrue(gq.sources().isEmpty(), "a group-specific query");
        assertFalse(gq.suppressRouterProcessing(), "group timer = LMQT: S clear");
        assertEquals(G, sent.get(0).destination());
        assertGss(sent.get(1), false, X1);
        assertEquals(List.of(exclude(G, 3, Y1)), h.port.changes);
    }

    @Test
    void allowOnAnAbsentGroupCreatesIt_blockOnAnAbsentGroupDoesNothing() {
        Harness h = Harness.querier();
        h.block(Harness.G2, A1);
        h.toIn(Harness.G2);
        h.assertNoGroup(Harness.G2);
        assertTrue(h.port.queries.isEmpty());

        h.allow(G, A1);
        h.assertState(G, FilterMode.INCLUDE, set(A1), set());
        assertEquals(List.of(include(G, 3, A1)), h.port.changes);
    }

    @Test
    void excludeWithoutSources_toEx_queriesOnlyTheNewSources() {
        Harness h = exclude12();
        h.toEx(G, A1);   // EXCLUDE (X={}, Y={}) TO_EX (a1): a1 = group timer, Q(G,{a1})
        h.assertState(G, FilterMode.EXCLUDE, set(A1), set());
        assertEquals(1, h.port.queries.size());
        assertGss(h.port.queries.get(0), false, A1);
    }
}
