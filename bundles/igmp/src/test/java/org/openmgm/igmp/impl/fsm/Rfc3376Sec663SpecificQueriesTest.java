package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.LMQI;
import static org.openmgm.igmp.impl.fsm.Harness.LMQT;
import static org.openmgm.igmp.impl.fsm.Harness.gone;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.set;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.codec.MembershipQuery;

/**
 * RFC 3376 §6.6.3: group-specific queries (§6.6.3.1) and group-and-source-specific queries
 * (§6.6.3.2): content, the S flag rules, the two-list construction, retransmission counts and
 * timing ([Last Member Query Count] transmissions, [Last Member Query Interval] apart), merging,
 * and the end-to-end last-member sequence.
 */
class Rfc3376Sec663SpecificQueriesTest {

    static final InetAddress S1 = s(1);
    static final InetAddress S2 = s(2);
    static final InetAddress S3 = s(3);

    @Test
    void lastMemberQuery_endToEnd_leaveThenLmqcQueriesLmqiApart_thenTheGroupIsGoneAfterLmqt() {
        Harness h = Harness.querier();
        h.v2(G);
        h.advance(10);
        h.port.clear();

        h.leave(G);                                  // t0 = 10 s: TO_IN({}) → Send Q(G)
        assertEquals(LMQT, h.group(G).groupTimerLeft());
        h.advance(1.999);
        assertTrue(h.port.changes.isEmpty(), "forwarding goes on during the query period (§6.4.2)");
        h.assertState(G, FilterMode.EXCLUDE, set(), set());
        h.advance(0.001);                            // t0 + LMQT
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 2)), h.port.changes);
        h.advance(10);

        List<Harness.Sent> q = h.port.specific();
        assertEquals(2, q.size(), "[Last Member Query Count] queries");
        assertEquals(sec(10), q.get(0).at());
        assertEquals(sec(11), q.get(1).at(), "[Last Member Query Interval] apart");
        for (Harness.Sent sent : q) {
            MembershipQuery m = sent.query();
            assertEquals(3, m.version(), "sent in the router's version");
            assertEquals(G, m.group());
            assertEquals(G, sent.destination());
            assertEquals(LMQI, m.maxResponseTime());
            assertTrue(m.sources().isEmpty());
            assertFalse(m.suppressRouterProcessing(), "group timer ≤ LMQT: S clear");
        }
        assertEquals(2, h.counters.messages(IgmpCounters.Message.GROUP_QUERY_SENT));
    }

    @Test
    void groupSpecificRetransmission_setsTheSFlag_whenAReportRaisedTheGroupTimerAboveLmqt() {
        Harness h = Harness.querier();
        h.v2(G);
        h.port.clear();
        h.leave(G);
        h.advance(0.5);
        h.v2(G);                                     // another member answers: group timer = GMI
        h.advance(0.5);
        List<Harness.Sent> q = h.port.specific();
        assertEquals(2, q.size());
        assertFalse(q.get(0).query().suppressRouterProcessing());
        assertTrue(q.get(1).query().suppressRouterProcessing(), "§6.6.3.1: group timer > LMQT → S set");
        assertEquals(GMI.minus(sec(0.5)), h.group(G).groupTimerLeft());
        h.advance(259.499);
        assertEquals(2, h.port.specific().size(), "[LMQC] queries, no more");
        assertTrue(h.port.changes.isEmpty(), "the group stays until its refreshed timer ends");
        h.advance(0.001);
        assertEquals(List.of(gone(G, 3)), h.port.changes,
                "one step: group and IGMPv2 Host Present timers end together (both from the same report)");
    }

    @Test
    void groupAndSourceSpecific_lmqcQueriesLmqiApart_thenTheSourcesExpire() {
        Harness h = Harness.querier();
        h.isIn(G, S1, S2, S3);
        h.port.clear();
        h.block(G, S1, S2);
        h.advance(5);
        List<Harness.Sent> q = h.port.specific();
        assertEquals(2, q.size());
        assertEquals(List.of(sec(0), sec(1)), q.stream().map(Harness.Sent::at).toList());
        for (Harness.Sent sent : q) {
            assertEquals(set(S1, S2), sent.sources());
            assertFalse(sent.query().suppressRouterProcessing());
        }
        assertEquals(List.of(include(G, 3, S3)), h.port.changes, "both blocked sources stop after LMQT");
        assertEquals(2, h.counters.messages(IgmpCounters.Message.GROUP_SOURCE_QUERY_SENT));
    }

    @Test
    void groupAndSourceSpecific_twoLists_sSetAboveLmqt_sClearAtOrBelow() {
        Harness h = Harness.querier();
        h.isIn(G, S1, S2, S3);
        h.port.clear();
        h.block(G, S1, S2);
        h.advance(0.5);
        h.allow(G, S1);                              // s1 answered: timer GMI, retransmission state kept
        h.advance(0.5);
        List<Harness.Sent> q = h.port.specific();
        assertEquals(3, q.size());
        Harness.Sent withS = q.get(1);
        Harness.Sent withoutS = q.get(2);
        assertTrue(withS.query().suppressRouterProcessing());
        assertEquals(set(S1), withS.sources(), "sources with timers greater than LMQT");
        assertFalse(withoutS.query().suppressRouterProcessing());
        assertEquals(set(S2), withoutS.sources(), "sources with timers lower or equal to LMQT");
        h.advance(2);
        h.assertState(G, FilterMode.INCLUDE, set(S1, S3), set());
    }

    @Test
    void anEmptyListIsNotSent() {
        Harness h = Harness.querier();
        h.isIn(G, S1);
        h.port.clear();
        h.block(G, S1);
        assertEquals(1, h.port.queries.size(), "no S-set message with no source");
    }

    @Test
    void perSourceRetransmissionCounts_mergeWithPendingQueries() {
        Harness h = Harness.querier();
        h.isIn(G, S1, S2, S3);
        h.port.clear();
        h.block(G, S1);                              // t=0: [s1]
        h.advance(0.5);
        h.block(G, S2);                              // t=0.5: [s1, s2] at once, timer restarted
        h.advance(5);
        List<Harness.Sent> q = h.port.specific();
        assertEquals(List.of(sec(0), sec(0.5), sec(1.5)), q.stream().map(Harness.Sent::at).toList());
        assertEquals(set(S1), q.get(0).sources());
        assertEquals(set(S1, S2), q.get(1).sources());
        assertEquals(set(S2), q.get(2).sources(), "s1 was carried [LMQC] times already");
    }

    @Test
    void onlySourcesWithTimersAboveLmqtAreQueriedAgain() {
        Harness h = Harness.querier();
        h.isIn(G, S1);
        h.port.clear();
        h.block(G, S1);
        h.advance(0.5);
        h.block(G, S1);                              // s1 at 1.5 s ≤ LMQT: no new query, no reset
        assertEquals(1, h.port.queries.size());
        assertEquals(sec(1.5), h.timer(G, S1));
        h.advance(0.5);
        assertEquals(2, h.port.queries.size(), "the pending schedule is kept");
        h.advance(5);
        assertEquals(2, h.port.queries.size());
    }

    @Test
    void aGroupSpecificQueryGoingOutAtTheSameTime_suppressesTheSSetSourceMessage() {
        Harness h = Harness.querier();
        h.isEx(G);
        h.isIn(G, S1);                               // EXCLUDE ({s1}, {})
        h.port.clear();
        h.toIn(G);                                   // t=0: Q(G) and Q(G,{s1})
        assertEquals(2, h.port.queries.size());
        h.advance(0.5);
        h.isIn(G, S1);                               // s1 back to GMI; the group timer stays at LMQT
        h.advance(0.5);                              // t=1: Q(G) and, by the note of §6.6.3.2, not Q(G,{s1}) with S
        List<Harness.Sent> q = h.port.specific();
        assertEquals(3, q.size());
        assertTrue(q.get(2).sources().isEmpty());
        assertFalse(q.get(2).query().suppressRouterProcessing());
        h.advance(1);                                // t=2: group timer expiry (§6.5) keeps s1
        h.assertState(G, FilterMode.INCLUDE, set(S1), set());
        assertEquals(List.of(include(G, 3, S1)), h.port.changes);
    }

    @Test
    void aNonQuerier_sendsNoSpecificQuery_andDoesNotLowerItsOwnTimers() {
        Harness h = Harness.nonQuerier();
        h.isIn(G, S1);
        h.isEx(Harness.G2);
        h.block(G, S1);
        h.toIn(Harness.G2);
        assertTrue(h.port.queries.isEmpty());
        assertEquals(GMI, h.timer(G, S1), "it waits for the querier's queries (§6.6.1)");
        assertEquals(GMI, h.group(Harness.G2).groupTimerLeft());
    }

    @Test
    void largeSourceListsAreSplitToFitTheMtu() {
        Harness h = Harness.querier();
        List<InetAddress> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(Harness.ip("10.2." + (i / 200) + "." + (i % 200 + 1)));
        }
        InetAddress[] all = many.toArray(InetAddress[]::new);
        h.isIn(G, all);
        h.port.clear();
        h.block(G, all);
        List<Harness.Sent> q = h.port.specific();
        assertEquals(2, q.size());
        assertEquals(SpecificQueries.MAX_SOURCES_PER_QUERY, q.get(0).query().sources().size());
        assertEquals(400 - SpecificQueries.MAX_SOURCES_PER_QUERY, q.get(1).query().sources().size());
        assertEquals(set(all), new java.util.HashSet<>(concat(q.get(0).query().sources(), q.get(1).query().sources())));
    }

    @Test
    void lastMemberQueryCountAndIntervalAreConfigurable() {
        Harness h = Harness.querier(Cfg.cfg().lmqc(3).lmqi(sec(0.5)).build());
        h.isIn(G, S1);
        h.port.clear();
        h.block(G, S1);
        assertEquals(sec(1.5), h.timer(G, S1), "LMQT = 3 × 0.5 s");
        h.advance(10);
        assertEquals(List.of(sec(0), sec(0.5), sec(1)), h.port.specific().stream().map(Harness.Sent::at).toList());
        assertEquals(sec(0.5), h.port.specific().get(0).query().maxResponseTime());
    }

    private static List<InetAddress> concat(List<InetAddress> a, List<InetAddress> b) {
        List<InetAddress> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }
}
