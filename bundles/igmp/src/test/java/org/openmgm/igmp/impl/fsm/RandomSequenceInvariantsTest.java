package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.igmp.impl.codec.RecordType;
import org.openmgm.spi.IgmpGroup;

/**
 * Long random sequences of reports, leaves, queries and time, checking after every step what must
 * always hold: the §6.2.1/§6.3 shape of every group, that the last announcement of every group is
 * exactly its current §6.3 view (so every effective change was announced), that no announcement
 * repeats the previous one, the limits, the SSM rule, and that exactly one of the General Query
 * and Other Querier Present timers runs.
 */
class RandomSequenceInvariantsTest {

    static final InetAddress[] GROUPS = {Harness.G, Harness.G2, Harness.SSM};
    static final InetAddress[] SOURCES = {Harness.s(1), Harness.s(2), Harness.s(3), Harness.s(4)};

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        IgmpConfig[] configs = {
            IgmpConfig.DEFAULTS,
            Cfg.cfg().fastLeave().build(),
            Cfg.cfg().version(2).build(),
            Cfg.cfg().version(1).build(),
            Cfg.cfg().maxSources(3).maxGroups(2).build(),
            Cfg.cfg().queryInterval(Duration.ofSeconds(20)).lmqc(3).build(),
        };
        for (int c = 0; c < configs.length; c++) {
            for (long seed = 1; seed <= 4; seed++) {
                cases.add(new Object[] {c, configs[c], seed});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "config {0}, seed {2}")
    @MethodSource("cases")
    void invariantsHoldAfterEveryStep(int index, IgmpConfig config, long seed) {
        Random rnd = new Random(seed * 7919 + index);
        Harness h = new Harness(config);
        h.router.start();
        Map<InetAddress, IgmpGroup> last = new HashMap<>();
        int seen = 0;
        for (int step = 0; step < 3000; step++) {
            act(h, rnd, step);
            List<IgmpGroup> changes = h.port.changes;
            for (; seen < changes.size(); seen++) {
                IgmpGroup c = changes.get(seen);
                assertNotEquals(c, last.get(c.group()), "announced twice in a row at step " + step);
                last.put(c.group(), c);
            }
            check(h, config, last, step);
        }
    }

    private static void act(Harness h, Random rnd, int step) {
        InetAddress g = GROUPS[rnd.nextInt(GROUPS.length)];
        int what = rnd.nextInt(100);
        if (what < 40) {
            RecordType t = RecordType.values()[rnd.nextInt(RecordType.values().length)];
            h.record(t, g, sources(rnd));
        } else if (what < 48) {
            h.v2(g);
        } else if (what < 51) {
            h.v1(g);
        } else if (what < 58) {
            h.leave(g);
        } else if (what < 63) {
            h.query(Harness.general(1 + rnd.nextInt(3)), rnd.nextInt(4) == 0 ? Harness.LOWER : Harness.HIGHER);
        } else if (what < 68) {
            h.query(new MembershipQuery(3, g, Harness.LMQI, rnd.nextBoolean(), rnd.nextInt(4),
                    Duration.ofSeconds(rnd.nextInt(3) * 30L), rnd.nextBoolean() ? List.of() : List.of(sources(rnd))),
                    rnd.nextBoolean() ? Harness.LOWER : Harness.HIGHER);
        } else if (what < 95) {
            h.advance(rnd.nextInt(3000) / 1000.0);
        } else {
            h.advance(30 + rnd.nextInt(300));
        }
    }

    private static InetAddress[] sources(Random rnd) {
        List<InetAddress> l = new ArrayList<>();
        for (InetAddress s : SOURCES) {
            if (rnd.nextInt(3) == 0) {
                l.add(s);
            }
        }
        return l.toArray(InetAddress[]::new);
    }

    private static void check(Harness h, IgmpConfig config, Map<InetAddress, IgmpGroup> last, int step) {
        String at = " at step " + step;
        List<GroupView> views = h.router.groups();
        assertTrue(views.size() <= config.maxGroups(), "group limit" + at);
        Set<InetAddress> present = new HashSet<>();
        for (GroupView v : views) {
            present.add(v.group());
            assertTrue(v.sources().size() <= config.maxSourcesPerGroup(), "source limit" + at);
            assertTrue(v.compatibilityVersion() <= config.version(), "compatibility capped" + at);
            Set<InetAddress> forwarded = new HashSet<>();
            Set<InetAddress> blocked = new HashSet<>();
            v.sources().forEach(s -> (s.forwarded() ? forwarded : blocked).add(s.source()));
            if (v.mode() == FilterMode.INCLUDE) {
                assertEquals(Duration.ZERO, v.groupTimerLeft(), "no group timer in INCLUDE" + at);
                assertTrue(blocked.isEmpty(), "INCLUDE sources all run" + at);
                assertFalse(forwarded.isEmpty(), "an empty INCLUDE group is deleted" + at);
            } else {
                assertTrue(v.groupTimerLeft().compareTo(Duration.ZERO) > 0, "EXCLUDE has a group timer" + at);
                assertFalse(config.ssmRange().contains(v.group()), "no EXCLUDE in the SSM range" + at);
            }
            IgmpGroup expected = v.mode() == FilterMode.INCLUDE
                    ? new IgmpGroup(v.group(), FilterMode.INCLUDE, forwarded, v.compatibilityVersion())
                    : new IgmpGroup(v.group(), FilterMode.EXCLUDE, blocked, v.compatibilityVersion());
            assertEquals(expected, last.get(v.group()), "the last announcement is the state" + at);
        }
        for (Map.Entry<InetAddress, IgmpGroup> e : last.entrySet()) {
            if (!present.contains(e.getKey())) {
                assertFalse(e.getValue().isJoined(), "a deleted group was announced gone" + at);
            }
        }
        QuerierView q = h.router.querier();
        if (q.querier()) {
            assertTrue(q.nextGeneralQuery().compareTo(Duration.ZERO) > 0, "querier queries" + at);
            assertEquals(Duration.ZERO, q.otherQuerierPresentLeft(), at);
        } else {
            assertTrue(q.otherQuerierPresentLeft().compareTo(Duration.ZERO) > 0, "non-querier waits" + at);
            assertEquals(Duration.ZERO, q.nextGeneralQuery(), at);
        }
    }
}
