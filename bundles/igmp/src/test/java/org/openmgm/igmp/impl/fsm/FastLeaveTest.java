package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.gone;
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
 * Fast leave (IgmpConfig.fastLeave): leave, TO_IN and BLOCK apply at once what an unanswered
 * query would have applied after LMQT, without querying; state that other records hold is
 * untouched.
 */
class FastLeaveTest {

    static final InetAddress S1 = s(1);
    static final InetAddress S2 = s(2);
    static final InetAddress S3 = s(3);

    static Harness fast() {
        return Harness.querier(Cfg.cfg().fastLeave().build());
    }

    @Test
    void aV2LeaveRemovesTheGroupAtOnce_withoutQuerying() {
        Harness h = fast();
        h.v2(G);
        h.port.clear();
        h.leave(G);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 2)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void toInOfNothingRemovesAnIgmpV3ExcludeGroupAtOnce() {
        Harness h = fast();
        h.isEx(G, S3);
        h.port.clear();
        h.toIn(G);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 3)), h.port.changes);
    }

    @Test
    void excludeToIn_keepsTheSourcesStillAsked() {
        Harness h = fast();
        h.isEx(G, S3);
        h.isIn(G, S1, S2);          // EXCLUDE ({s1,s2}, {s3})
        h.port.clear();
        h.toIn(G, S1);              // → INCLUDE ({s1}) at once
        h.assertState(G, FilterMode.INCLUDE, set(S1), set());
        assertEquals(GMI, h.timer(G, S1));
        assertEquals(List.of(include(G, 3, S1)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void includeBlock_removesOnlyTheBlockedSources() {
        Harness h = fast();
        h.isIn(G, S1, S2);
        h.port.clear();
        h.block(G, S1);
        h.assertState(G, FilterMode.INCLUDE, set(S2), set());
        assertEquals(List.of(include(G, 3, S2)), h.port.changes);
        h.block(G, S2);
        h.assertNoGroup(G);
        assertEquals(List.of(include(G, 3, S2), gone(G, 3)), h.port.changes);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void excludeBlock_blocksAtOnce_butTheGroupEndsOnlyWithItsTimer() {
        Harness h = fast();
        h.isEx(G);
        h.advance(10);
        h.port.clear();
        h.block(G, S1);
        h.assertState(G, FilterMode.EXCLUDE, set(), set(S1));
        assertEquals(List.of(exclude(G, 3, S1)), h.port.takeChanges());
        assertEquals(sec(250), h.group(G).groupTimerLeft(), "untouched");
        h.advance(250);
        h.assertNoGroup(G);
        assertEquals(List.of(gone(G, 3)), h.port.changes);
    }

    @Test
    void toExStillQueries_itIsAJoin() {
        Harness h = fast();
        h.isIn(G, S1);
        h.port.clear();
        h.toEx(G, S1);
        assertEquals(1, h.port.specific().size());
        assertEquals(Harness.LMQT, h.timer(G, S1));
    }

    @Test
    void leavesAreStillIgnoredWhileIgmpV1HostsArePresent() {
        Harness h = fast();
        h.v1(G);
        h.leave(G);
        assertEquals(GMI, h.group(G).groupTimerLeft());
    }

    @Test
    void aNonQuerierAppliesFastLeaveToo() {
        Harness h = Harness.nonQuerier(Cfg.cfg().fastLeave().build());
        h.v2(G);
        h.leave(G);
        h.assertNoGroup(G);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void withoutFastLeave_theSameLeaveKeepsTheGroupForLmqt() {
        Harness h = Harness.querier();
        h.v2(G);
        h.leave(G);
        assertEquals(Duration.ofSeconds(2), h.group(G).groupTimerLeft());
    }
}
