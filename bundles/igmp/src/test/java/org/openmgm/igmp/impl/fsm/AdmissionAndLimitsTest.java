package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.G2;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.HOST;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.ip;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.sec;
import static org.openmgm.igmp.impl.fsm.Harness.set;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.codec.GroupRecord;
import org.openmgm.igmp.impl.codec.MembershipReportV3;
import org.openmgm.igmp.impl.codec.RecordType;
import org.openmgm.igmp.impl.fsm.IgmpCounters.Drop;

/** Group admission (link-local groups, malformed fields) and the group and source limits. */
class AdmissionAndLimitsTest {

    static final InetAddress MDNS = ip("224.0.0.251");

    @Test
    void linkLocalGroupsAreNotTracked() {
        Harness h = Harness.querier();
        h.v2(MDNS);
        h.v1(MDNS);
        h.isEx(MDNS);
        h.isIn(ip("224.0.0.22"), s(1));
        h.leave(MDNS);
        assertTrue(h.router.groups().isEmpty());
        assertEquals(5, h.counters.drops(Drop.LINK_LOCAL_GROUP));
        h.v2(ip("224.0.1.1"));
        assertEquals(1, h.router.groups().size(), "224.0.1.0/24 is routable");
    }

    @Test
    void aRecordWithAnInvalidSourceIsDroppedWhole_theOtherRecordsOfTheReportApply() {
        Harness h = Harness.querier();
        h.router.receive(new MembershipReportV3(List.of(
                new GroupRecord(RecordType.MODE_IS_INCLUDE, G, List.of(s(1), ip("239.9.9.9"))),
                new GroupRecord(RecordType.MODE_IS_INCLUDE, G2, List.of(s(2))))), HOST);
        h.assertNoGroup(G);
        h.assertState(G2, FilterMode.INCLUDE, set(s(2)), set());
        assertEquals(1, h.counters.drops(Drop.BAD_FIELD));
        h.isIn(G, ip("0.0.0.0"));
        h.isIn(G, ip("255.255.255.255"));
        assertEquals(3, h.counters.drops(Drop.BAD_FIELD));
    }

    @Test
    void aGroupThatIsNotMulticastIsDropped() {
        Harness h = Harness.querier();
        h.isEx(ip("10.9.9.9"));
        h.v2(ip("192.0.2.1"));
        assertTrue(h.router.groups().isEmpty());
        assertEquals(2, h.counters.drops(Drop.BAD_FIELD));
    }

    @Test
    void duplicateSourcesInARecordCountOnce() {
        Harness h = Harness.querier(Cfg.cfg().maxSources(1).build());
        h.isIn(G, s(1), s(1));
        h.assertState(G, FilterMode.INCLUDE, set(s(1)), set());
        assertEquals(0, h.counters.drops(Drop.SOURCE_LIMIT));
    }

    @Test
    void groupLimit_newGroupsAreRefused_existingOnesStillRefresh() {
        Harness h = Harness.querier(Cfg.cfg().maxGroups(2).build());
        h.isIn(G, s(1));
        h.advance(100);
        h.v2(G2);
        h.v2(ip("239.3.3.3"));
        h.isIn(ip("239.4.4.4"), s(1));
        assertEquals(2, h.router.groups().size());
        assertEquals(2, h.counters.drops(Drop.GROUP_LIMIT));
        h.isIn(G, s(1));
        assertEquals(GMI, h.timer(G, s(1)), "existing groups are not affected");
        h.advance(GMI.toSeconds());   // both expire
        h.v2(ip("239.3.3.3"));
        assertEquals(1, h.router.groups().size(), "room again");
    }

    @Test
    void sourceLimit_aRecordThatWouldExceedItIsRefusedWhole_andChangesNothing() {
        Harness h = Harness.querier(Cfg.cfg().maxSources(3).build());
        h.isIn(G, s(1), s(2));
        h.advance(10);
        h.port.clear();
        h.allow(G, s(2), s(3), s(4));            // 4 sources after it
        h.assertState(G, FilterMode.INCLUDE, set(s(1), s(2)), set());
        assertEquals(sec(250), h.timer(G, s(2)), "not even the refresh of s2 is applied");
        assertEquals(1, h.counters.drops(Drop.SOURCE_LIMIT));
        assertTrue(h.port.changes.isEmpty());

        h.allow(G, s(2), s(3));                  // 3: fits
        h.assertState(G, FilterMode.INCLUDE, set(s(1), s(2), s(3)), set());
        h.block(G, s(1), s(2), s(3), s(4));      // INCLUDE: BLOCK adds nothing, allowed at the limit
        assertEquals(1, h.port.specific().size());
        h.isEx(G, s(1), s(2), s(3));             // EXCLUDE-type: leaves exactly B
        assertEquals(FilterMode.EXCLUDE, h.group(G).mode());
        assertEquals(1, h.counters.drops(Drop.SOURCE_LIMIT));
    }

    @Test
    void sourceLimit_aRefusedRecordCreatesNoGroup() {
        Harness h = Harness.querier(Cfg.cfg().maxSources(2).build());
        h.isEx(G, s(1), s(2), s(3));
        h.assertNoGroup(G);
        assertTrue(h.port.changes.isEmpty());
        assertEquals(1, h.counters.drops(Drop.SOURCE_LIMIT));
        h.isIn(G, s(1), s(2));
        assertEquals(List.of(include(G, 3, s(1), s(2))), h.port.changes);
    }

    @Test
    void sourceLimit_excludeModeBlockCountsTheNewSources() {
        Harness h = Harness.querier(Cfg.cfg().maxSources(2).build());
        h.isEx(G, s(1));
        h.block(G, s(2), s(3));                  // X+(A-Y) + Y = 3 records
        assertEquals(1, h.counters.drops(Drop.SOURCE_LIMIT));
        assertTrue(h.port.specific().isEmpty(), "nothing of it, not even its query");
        h.block(G, s(2));
        assertEquals(2, h.group(G).sources().size());
    }
}
