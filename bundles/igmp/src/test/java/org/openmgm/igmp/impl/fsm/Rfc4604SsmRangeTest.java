package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.SSM;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.set;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.fsm.IgmpCounters.Drop;

/** RFC 4604 §2.2.1 router rules in the SSM range of RFC 4607 (232/8 by default): no any-source requests. */
class Rfc4604SsmRangeTest {

    @Test
    void v1AndV2ReportsAndLeavesAreIgnoredAndCounted() {
        Harness h = Harness.querier();
        h.v1(SSM);
        h.v2(SSM);
        h.leave(SSM);
        h.assertNoGroup(SSM);
        assertEquals(3, h.counters.drops(Drop.SSM_ASM_REQUEST));
        assertTrue(h.port.changes.isEmpty());
    }

    @Test
    void isExAndToExRecordsAreIgnoredAndCounted() {
        Harness h = Harness.querier();
        h.isEx(SSM);
        h.toEx(SSM, s(1));
        h.assertNoGroup(SSM);
        assertEquals(2, h.counters.drops(Drop.SSM_ASM_REQUEST));
    }

    @Test
    void includeModeRecordsAreProcessed() {
        Harness h = Harness.querier();
        h.isIn(SSM, s(1));
        h.allow(SSM, s(2));
        h.toIn(SSM, s(1), s(2), s(3));
        h.assertState(SSM, FilterMode.INCLUDE, set(s(1), s(2), s(3)), set());
        h.block(SSM, s(3));
        assertEquals(1, h.port.specific().size(), "BLOCK in INCLUDE mode queries the source");
        h.isEx(SSM, s(1));
        h.assertState(SSM, FilterMode.INCLUDE, set(s(1), s(2), s(3)), set());
        assertEquals(1, h.counters.drops(Drop.SSM_ASM_REQUEST));
        assertEquals(include(SSM, 3, s(1), s(2), s(3)), h.port.changes.get(h.port.changes.size() - 1));
    }

    @Test
    void theRangeIsConfigurable_andOutsideItEverythingGoes() {
        Harness h = Harness.querier(Cfg.cfg().ssm("239.0.0.0/8").build());
        h.v2(G);
        h.assertNoGroup(G);
        h.v2(SSM);
        assertEquals(FilterMode.EXCLUDE, h.group(SSM).mode());
        assertEquals(1, h.counters.drops(Drop.SSM_ASM_REQUEST));
        assertEquals(List.of(Harness.exclude(SSM, 2)), h.port.changes);
    }
}
