package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.ALL_SYSTEMS;
import static org.openmgm.igmp.impl.fsm.Harness.ANY;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.HIGHER;
import static org.openmgm.igmp.impl.fsm.Harness.LOCAL;
import static org.openmgm.igmp.impl.fsm.Harness.LOWER;
import static org.openmgm.igmp.impl.fsm.Harness.OQPI;
import static org.openmgm.igmp.impl.fsm.Harness.QI;
import static org.openmgm.igmp.impl.fsm.Harness.SQI;
import static org.openmgm.igmp.impl.fsm.Harness.general;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.v3Query;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.igmp.impl.codec.MembershipQuery;

/**
 * RFC 3376 §6.6.2 querier election, the startup and periodic General Queries (§8.2, §8.6, §8.7),
 * the Other Querier Present timer (§8.5) and the adoption of QRV/QQIC by a non-querier (§4.1.6,
 * §4.1.7).
 */
class Rfc3376Sec662QuerierElectionTest {

    static List<Duration> generalQueryTimes(Harness h) {
        return h.port.generals().stream().map(Harness.Sent::at).toList();
    }

    @Test
    void startup_startupQueryCountQueriesStartupQueryIntervalApart_thenEveryQueryInterval() {
        Harness h = new Harness(IgmpConfig.DEFAULTS);
        h.router.start();
        h.advance(500);
        assertEquals(List.of(Duration.ZERO, SQI, SQI.plus(QI), SQI.plus(QI).plus(QI), SQI.plus(QI.multipliedBy(3))),
                generalQueryTimes(h));
        assertEquals(5, h.counters.messages(IgmpCounters.Message.GENERAL_QUERY_SENT));
    }

    @Test
    void startup_withAStartupQueryCountOfThree() {
        Harness h = new Harness(Cfg.cfg().startup(3, sec(10)).build());
        h.router.start();
        assertEquals(2, h.router.querier().startupQueriesLeft());
        h.advance(150);
        assertEquals(List.of(sec(0), sec(10), sec(20), sec(145)), generalQueryTimes(h));
        assertEquals(0, h.router.querier().startupQueriesLeft());
    }

    @Test
    void theGeneralQuery_isV3_to224001_withQueryResponseIntervalQrvAndQqic() {
        Harness h = new Harness(IgmpConfig.DEFAULTS);
        h.router.start();
        Harness.Sent sent = h.port.queries.get(0);
        MembershipQuery q = sent.query();
        assertEquals(ALL_SYSTEMS, sent.destination(), "§4.1.12");
        assertTrue(q.isGeneral());
        assertEquals(3, q.version());
        assertEquals(Duration.ofSeconds(10), q.maxResponseTime(), "§8.3 Query Response Interval");
        assertEquals(2, q.robustness(), "§4.1.6 QRV");
        assertEquals(QI, q.queryInterval(), "§4.1.7 QQIC");
        assertFalse(q.suppressRouterProcessing());
        assertTrue(q.sources().isEmpty());
    }

    @Test
    void aQueryFromALowerAddress_makesUsNonQuerier_andStartsTheOtherQuerierPresentTimer() {
        Harness h = Harness.querier();
        h.advance(5);
        h.query(general(3), LOWER);

        QuerierView v = h.router.querier();
        assertFalse(v.querier());
        assertEquals(LOWER, v.querierAddress());
        assertEquals(OQPI, v.otherQuerierPresentLeft(), "§8.5: 2 × 125 + 10 / 2");
        assertEquals(Duration.ZERO, v.nextGeneralQuery());
        assertEquals(0, v.startupQueriesLeft(), "startup queries end with the querier role");
        h.advance(250);
        assertTrue(h.port.queries.isEmpty(), "a non-querier sends no queries");
        assertEquals(1, h.counters.messages(IgmpCounters.Message.QUERY_V3_RECEIVED));
    }

    @Test
    void aQueryFromAHigherAddress_leavesUsQuerier() {
        Harness h = Harness.querier();
        h.query(general(3), HIGHER);
        QuerierView v = h.router.querier();
        assertTrue(v.querier());
        assertEquals(LOCAL, v.querierAddress());
        assertEquals(Duration.ZERO, v.otherQuerierPresentLeft());
        h.advance(SQI.toMillis() / 1000.0);
        assertEquals(1, h.port.generals().size(), "the startup queries go on");
    }

    @Test
    void otherQuerierPresentExpiry_makesUsQuerierAgain_withAGeneralQueryAtOnceThenEveryQueryInterval() {
        Harness h = Harness.querier();
        h.query(general(3), LOWER);
        h.advance(254.999);
        assertTrue(h.port.queries.isEmpty());
        assertFalse(h.router.querier().querier());
        h.advance(0.001);
        assertTrue(h.router.querier().querier());
        assertEquals(LOCAL, h.router.querier().querierAddress());
        h.advance(250);
        assertEquals(List.of(sec(255), sec(380), sec(505)), generalQueryTimes(h));
    }

    @Test
    void everyQueryOfTheQuerierRestartsTheOtherQuerierPresentTimer() {
        Harness h = Harness.querier();
        h.query(general(3), LOWER);
        h.advance(200);
        h.query(general(3), LOWER);
        h.advance(254);
        assertFalse(h.router.querier().querier());
        assertEquals(sec(1), h.router.querier().otherQuerierPresentLeft());
        h.advance(1);
        assertTrue(h.router.querier().querier());
    }

    @Test
    void theElection_ignoresTheSFlag_andCountsSpecificQueriesToo() {
        Harness h = Harness.querier();
        h.query(v3Query(G, true, 2, QI), LOWER);   // §4.1.5: S does not suppress the election
        assertFalse(h.router.querier().querier());
        assertEquals(LOWER, h.router.querier().querierAddress());
    }

    @Test
    void olderVersionQueriesTakePartInTheElection_andAreCounted_sec7_3_1() {
        Harness h = Harness.querier();
        h.query(general(2), LOWER);
        assertFalse(h.router.querier().querier());
        h.query(general(1), LOWER);
        assertEquals(1, h.counters.messages(IgmpCounters.Message.QUERY_V1_RECEIVED));
        assertEquals(1, h.counters.messages(IgmpCounters.Message.QUERY_V2_RECEIVED));
    }

    @Test
    void aQueryFromUnspecifiedAddress_takesNoPartInTheElection_rfc4541() {
        Harness h = Harness.querier();
        h.query(general(3), ANY);
        assertTrue(h.router.querier().querier());
        assertEquals(1, h.counters.messages(IgmpCounters.Message.QUERY_V3_RECEIVED));
    }

    @Test
    void aNonQuerierAdoptsTheQuerierQrvAndQqic_andUsesThemForItsTimers() {
        Harness h = Harness.querier();
        h.query(v3Query(ANY_GROUP, false, 3, Duration.ofSeconds(60)), LOWER);
        QuerierView v = h.router.querier();
        assertEquals(3, v.robustness());
        assertEquals(Duration.ofSeconds(60), v.queryInterval());
        assertEquals(sec(185), v.otherQuerierPresentLeft(), "§8.5 with the adopted values: 3 × 60 + 5");
        h.isEx(G);
        assertEquals(sec(190), h.group(G).groupTimerLeft(), "GMI with the adopted values: 3 × 60 + 10");
    }

    @Test
    void qrvZero_meansTheConfiguredRobustness_qqicZero_theConfiguredInterval() {
        Harness h = Harness.querier();
        h.query(v3Query(ANY_GROUP, false, 5, Duration.ofSeconds(60)), LOWER);
        h.query(v3Query(ANY_GROUP, false, 0, Duration.ZERO), LOWER);
        assertEquals(2, h.router.querier().robustness());
        assertEquals(QI, h.router.querier().queryInterval());
        h.query(v3Query(ANY_GROUP, false, 5, Duration.ofSeconds(60)), LOWER);
        h.query(general(2), LOWER);   // an IGMPv2 query carries neither
        assertEquals(2, h.router.querier().robustness());
    }

    @Test
    void theQuerierDoesNotAdopt_andRevertsToItsOwnValuesWhenItBecomesQuerierAgain() {
        Harness h = Harness.querier();
        h.query(v3Query(ANY_GROUP, false, 5, Duration.ofSeconds(60)), HIGHER);
        assertEquals(2, h.router.querier().robustness(), "a query from a router that lost the election");

        h.query(v3Query(ANY_GROUP, false, 5, Duration.ofSeconds(60)), LOWER);
        assertEquals(5, h.router.querier().robustness());
        h.advance(5 * 60 + 5);   // OQPI with the adopted values
        assertTrue(h.router.querier().querier());
        assertEquals(2, h.router.querier().robustness());
        assertEquals(QI, h.router.querier().queryInterval());
        MembershipQuery q = h.port.generals().get(0).query();
        assertEquals(2, q.robustness());
        assertEquals(QI, q.queryInterval());
    }

    @Test
    void losingTheQuerierRole_stopsPendingSpecificQueries() {
        Harness h = Harness.querier();
        h.v2(G);
        h.leave(G);
        assertEquals(1, h.port.specific().size());
        h.advance(0.5);
        h.query(general(3), LOWER);
        h.advance(5);
        assertEquals(1, h.port.specific().size(), "no retransmission after the role is lost");
    }

    @Test
    void aStoppedRouterHasNoQuerier() {
        Harness h = new Harness(IgmpConfig.DEFAULTS);
        QuerierView v = h.router.querier();
        assertFalse(v.querier());
        assertNull(v.querierAddress());
        assertEquals(3, v.version());
    }

    static final java.net.InetAddress ANY_GROUP = MembershipQuery.GENERAL;
}
