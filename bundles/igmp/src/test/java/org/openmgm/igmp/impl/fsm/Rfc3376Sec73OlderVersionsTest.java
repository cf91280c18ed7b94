package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.LMQT;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.general;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.set;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;

/**
 * RFC 3376 §7.3.2 (older version group members: Host Present timers, Group Compatibility Mode and
 * the translation table) and §7.3.1 (older version queriers are counted).
 */
class Rfc3376Sec73OlderVersionsTest {

    static final InetAddress S1 = s(1);
    static final InetAddress S2 = s(2);

    @Test
    void aV2Report_isIsExOfNothing_andStartsTheV2HostPresentTimer() {
        Harness h = Harness.querier();
        h.v2(G);
        GroupView v = h.group(G);
        assertEquals(FilterMode.EXCLUDE, v.mode());
        assertEquals(GMI, v.groupTimerLeft());
        assertEquals(GMI, v.v2HostPresentLeft(), "§8.13 Older Host Present Interval");
        assertEquals(Duration.ZERO, v.v1HostPresentLeft());
        assertEquals(2, v.compatibilityVersion());
        assertEquals(List.of(exclude(G, 2)), h.port.changes);
        assertEquals(1, h.counters.messages(IgmpCounters.Message.REPORT_V2_RECEIVED));
    }

    @Test
    void aV1Report_givesIgmpV1Mode_whateverTheV2Timer() {
        Harness h = Harness.querier();
        h.v2(G);
        h.v1(G);
        GroupView v = h.group(G);
        assertEquals(1, v.compatibilityVersion());
        assertEquals(GMI, v.v1HostPresentLeft());
        assertEquals(List.of(exclude(G, 2), exclude(G, 1)), h.port.changes, "the mode is part of the announcement");
        assertEquals(1, h.counters.messages(IgmpCounters.Message.REPORT_V1_RECEIVED));
    }

    @Test
    void theModeFallsBackAsTheHostPresentTimersExpire_v1ToV2ToV3() {
        Harness h = Harness.querier();
        h.v1(G);                    // t=0: v1 timer ends t=260
        h.advance(100);
        h.v2(G);                    // t=100: v2 timer ends t=360
        h.advance(150);
        h.isEx(G);                  // t=250: the group timer now ends t=510
        h.port.clear();

        assertEquals(1, h.group(G).compatibilityVersion());
        h.advance(9.999);
        assertEquals(1, h.group(G).compatibilityVersion());
        h.advance(0.001);           // t=260
        assertEquals(2, h.group(G).compatibilityVersion(), "v1 ended, v2 still runs");
        assertEquals(List.of(exclude(G, 2)), h.port.takeChanges());
        h.advance(100);             // t=360
        assertEquals(3, h.group(G).compatibilityVersion());
        assertEquals(List.of(exclude(G, 3)), h.port.takeChanges());
    }

    @Test
    void v2Mode_blockIsIgnored() {
        Harness h = Harness.querier();
        h.v2(G);
        h.isIn(G, S1);
        h.port.clear();
        h.block(G, S1, S2);
        assertEquals(GMI, h.timer(G, S1));
        assertTrue(h.group(G).source(S2).isEmpty());
        assertTrue(h.port.queries.isEmpty());
        assertTrue(h.port.changes.isEmpty());
    }

    @Test
    void v2Mode_toExIsTreatedAsToExOfNothing() {
        Harness h = Harness.querier();
        h.v2(G);
        h.isIn(G, S1);
        h.port.clear();
        h.toEx(G, S1, S2);          // as TO_EX({}): Delete (X-A) = {s1}, nothing blocked, nothing queried
        h.assertState(G, FilterMode.EXCLUDE, set(), set());
        assertTrue(h.port.queries.isEmpty());
        assertEquals(GMI, h.group(G).groupTimerLeft());

        Harness v3 = Harness.querier();  // the same record in IGMPv3 mode blocks s2 after querying it
        v3.isEx(G);
        v3.toEx(G, S2);
        assertEquals(1, v3.port.specific().size());
    }

    @Test
    void v2Mode_currentStateAndAllowRecordsAreProcessed() {
        Harness h = Harness.querier();
        h.v2(G);
        h.isIn(G, S1);
        h.allow(G, S2);
        h.isEx(G, S1, S2);
        h.assertState(G, FilterMode.EXCLUDE, set(S1, S2), set());
        assertEquals(2, h.group(G).compatibilityVersion());
    }

    @Test
    void v2Mode_aLeaveIsToInOfNothing_queriedWithTheRoutersIgmpV3Query() {
        Harness h = Harness.querier();
        h.v2(G);
        h.port.clear();
        h.leave(G);
        assertEquals(LMQT, h.group(G).groupTimerLeft());
        assertEquals(1, h.port.specific().size());
        assertEquals(3, h.port.specific().get(0).query().version(),
                "IGMPv2 hosts answer IGMPv3 queries (RFC 2236 §2.5); the link runs one version (§7.3.1)");
        assertEquals(1, h.counters.messages(IgmpCounters.Message.LEAVE_RECEIVED));
    }

    @Test
    void v1Mode_leavesAreIgnored() {
        Harness h = Harness.querier();
        h.v1(G);
        h.port.clear();
        h.leave(G);
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void v1Mode_toInAndBlockAreIgnored_toExLosesItsSources() {
        Harness h = Harness.querier();
        h.v1(G);
        h.isIn(G, S1);
        h.port.clear();
        h.toIn(G);
        h.block(G, S1);
        assertEquals(GMI, h.group(G).groupTimerLeft());
        assertEquals(GMI, h.timer(G, S1));
        h.toEx(G, S2);
        h.assertState(G, FilterMode.EXCLUDE, set(), set());
        assertTrue(h.port.queries.isEmpty());
        assertTrue(h.port.changes.isEmpty());
    }

    @Test
    void afterTheOlderHostsLeave_sourceRecordsAreHonouredAgain() {
        Harness h = Harness.querier();
        h.v2(G);
        h.advance(200);
        h.isEx(G);                  // keeps the group after the v2 timer
        h.advance(60);              // t=260: IGMPv3 mode again
        h.port.clear();
        h.block(G, S1);
        assertEquals(1, h.port.specific().size(), "BLOCK is processed again");
    }

    @Test
    void aLeaveForAnUnknownGroupDoesNothing() {
        Harness h = Harness.querier();
        h.leave(G);
        h.assertNoGroup(G);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void sec7_3_1_olderVersionQueriesAreCounted() {
        Harness h = Harness.querier();
        h.query(general(1), Harness.HIGHER);
        h.query(general(2), Harness.HIGHER);
        h.query(general(2), Harness.HIGHER);
        assertEquals(1, h.counters.messages(IgmpCounters.Message.QUERY_V1_RECEIVED));
        assertEquals(2, h.counters.messages(IgmpCounters.Message.QUERY_V2_RECEIVED));
        assertEquals(sec(0), h.router.querier().otherQuerierPresentLeft());
    }
}
