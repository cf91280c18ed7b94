package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.ALL_SYSTEMS;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.LMQI;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.gone;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.sec;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.igmp.impl.codec.MembershipQuery;

/**
 * A router configured for IGMPv2 (RFC 2236 §3, §6) or IGMPv1 (RFC 1112), as RFC 3376 §7.3.1
 * requires when older routers share the link.
 */
class Rfc2236RouterVersionsTest {

    static Harness v2Router() {
        return Harness.querier(Cfg.cfg().version(2).build());
    }

    static Harness v1Router() {
        return Harness.querier(Cfg.cfg().version(1).build());
    }

    @Test
    void v2Router_sendsIgmpV2GeneralQueries() {
        Harness h = new Harness(Cfg.cfg().version(2).build());
        h.router.start();
        MembershipQuery q = h.port.queries.get(0).query();
        assertEquals(ALL_SYSTEMS, h.port.queries.get(0).destination());
        assertEquals(2, q.version());
        assertEquals(Duration.ofSeconds(10), q.maxResponseTime(), "Max Resp Time, 8-byte query (§7.3.1)");
        assertEquals(0, q.robustness());
        assertEquals(Duration.ZERO, q.queryInterval());
    }

    @Test
    void v2Router_ignoresIgmpV3Reports_asAnUnknownType() {
        Harness h = v2Router();
        h.isEx(G);
        h.isIn(G, s(1));
        h.assertNoGroup(G);
        assertTrue(h.port.changes.isEmpty());
        assertEquals(2, h.counters.drops(IgmpCounters.Drop.UNKNOWN_TYPE));
        assertEquals(2, h.counters.messages(IgmpCounters.Message.REPORT_V3_RECEIVED));
    }

    @Test
    void v2Router_reportAndLeave_withIgmpV2GroupSpecificQueries_groupGoneAfterLmqt() {
        Harness h = v2Router();
        h.v2(G);
        assertEquals(List.of(exclude(G, 2)), h.port.takeChanges());
        assertEquals(GMI, h.group(G).groupTimerLeft());
        h.advance(1);
        h.leave(G);
        h.advance(1.999);
        assertEquals(List.of(), h.port.changes);
        h.advance(0.001);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 2)), h.port.changes);
        List<Harness.Sent> q = h.port.specific();
        assertEquals(List.of(sec(1), sec(2)), q.stream().map(Harness.Sent::at).toList());
        for (Harness.Sent sent : q) {
            assertEquals(2, sent.query().version());
            assertEquals(G, sent.query().group());
            assertEquals(G, sent.destination());
            assertEquals(LMQI, sent.query().maxResponseTime(), "[Last Member Query Interval]");
        }
    }

    @Test
    void v2Router_aReportDuringLastMemberQuerying_stopsTheGroupSpecificQueries_rfc2236_6() {
        Harness h = v2Router();
        h.v2(G);
        h.port.clear();
        h.leave(G);
        h.advance(0.5);
        h.v2(G);
        h.advance(5);
        assertEquals(1, h.port.specific().size(), "no S flag in IGMPv2: the querier stops asking");
        assertEquals(GMI.minus(sec(5)), h.group(G).groupTimerLeft());
    }

    @Test
    void v2Router_aV1HostMakesItIgnoreLeaves() {
        Harness h = v2Router();
        h.v1(G);
        assertEquals(1, h.group(G).compatibilityVersion());
        h.leave(G);
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertTrue(h.port.specific().isEmpty());
    }

    @Test
    void v1Router_sendsIgmpV1GeneralQueries() {
        Harness h = new Harness(Cfg.cfg().version(1).build());
        h.router.start();
        MembershipQuery q = h.port.queries.get(0).query();
        assertEquals(1, q.version());
        assertEquals(Duration.ZERO, q.maxResponseTime(), "Max Resp Code 0 (§7.3.1)");
    }

    @Test
    void v1Router_ignoresLeavesAndV3Reports_acceptsV1AndV2Reports_inIgmpV1Mode() {
        Harness h = v1Router();
        h.v2(G);
        assertEquals(List.of(exclude(G, 1)), h.port.takeChanges());
        h.leave(G);
        h.isEx(Harness.G2);
        assertEquals(2, h.counters.drops(IgmpCounters.Drop.UNKNOWN_TYPE));
        h.assertNoGroup(Harness.G2);
        assertEquals(GMI, h.group(G).groupTimerLeft());
        h.advance(GMI.toSeconds());
        h.assertNoGroup(G);
        assertTrue(h.port.specific().isEmpty(), "no group-specific queries in IGMPv1");
        assertEquals(List.of(gone(G, 1)), h.port.changes);
    }

    @Test
    void v2Router_electsTheQuerierByLowestAddress_rfc2236_3() {
        Harness h = v2Router();
        h.query(Harness.general(2), Harness.HIGHER);
        assertEquals(true, h.router.querier().querier());
        h.query(Harness.general(2), Harness.LOWER);
        assertEquals(false, h.router.querier().querier());
        assertEquals(Harness.OQPI, h.router.querier().otherQuerierPresentLeft());
    }
}
