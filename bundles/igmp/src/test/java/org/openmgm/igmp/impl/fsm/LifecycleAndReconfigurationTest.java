package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.fsm.Harness.G;
import static org.openmgm.igmp.impl.fsm.Harness.G2;
import static org.openmgm.igmp.impl.fsm.Harness.GMI;
import static org.openmgm.igmp.impl.fsm.Harness.HOST;
import static org.openmgm.igmp.impl.fsm.Harness.LMQT;
import static org.openmgm.igmp.impl.fsm.Harness.LOCAL;
import static org.openmgm.igmp.impl.fsm.Harness.SSM;
import static org.openmgm.igmp.impl.fsm.Harness.exclude;
import static org.openmgm.igmp.impl.fsm.Harness.gone;
import static org.openmgm.igmp.impl.fsm.Harness.include;
import static org.openmgm.igmp.impl.fsm.Harness.ip;
import static org.openmgm.igmp.impl.fsm.Harness.s;
import static org.openmgm.igmp.impl.fsm.Harness.sec;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.testing.ManualScheduler;

/** start(), stop(), reconfigure(), the operator views and the isolation of the port. */
class LifecycleAndReconfigurationTest {

    @Test
    void stop_announcesEveryJoinedGroupAsGone_cancelsEveryTimer_forgetsEverything() {
        Harness h = Harness.querier();
        h.v2(G);
        h.isIn(G2, s(1), s(2));
        h.block(G2, s(1));                         // a pending retransmission too
        h.port.clear();
        h.router.stop();

        assertEquals(Set.of(gone(G, 2), gone(G2, 3)), Set.copyOf(h.port.changes));
        assertEquals(2, h.port.changes.size());
        assertEquals(0, h.scheduler.queued(), "no timer left");
        assertTrue(h.router.groups().isEmpty());
        assertFalse(h.router.querier().querier());
        assertNull(h.router.querier().querierAddress());
        h.advance(1000);
        assertTrue(h.port.queries.isEmpty());
    }

    @Test
    void stop_alsoCancelsTheOtherQuerierPresentTimer() {
        Harness h = Harness.nonQuerier();
        h.router.stop();
        assertEquals(0, h.scheduler.queued());
        assertEquals(Duration.ZERO, h.router.querier().otherQuerierPresentLeft());
    }

    @Test
    void messagesAreIgnoredWhileStopped() {
        Harness h = new Harness(IgmpConfig.DEFAULTS);
        h.v2(G);
        h.query(Harness.general(3), Harness.LOWER);
        assertTrue(h.router.groups().isEmpty());
        assertEquals(0, h.counters.messages(IgmpCounters.Message.REPORT_V2_RECEIVED));
        h.router.stop();                           // not started: nothing to do
        assertTrue(h.port.changes.isEmpty());
    }

    @Test
    void startTwiceIsOneStart_startAfterStopBeginsAfresh() {
        Harness h = new Harness(IgmpConfig.DEFAULTS);
        h.router.start();
        h.router.start();
        assertEquals(1, h.port.queries.size());
        h.v2(G);
        h.router.stop();
        h.port.clear();
        h.router.start();
        assertEquals(1, h.port.generals().size());
        assertEquals(1, h.router.querier().startupQueriesLeft());
        assertTrue(h.router.groups().isEmpty());
    }

    @Test
    void reconfigure_newIntervalsTakeEffectAtTheNextOccurrence() {
        Harness h = new Harness(IgmpConfig.DEFAULTS);
        h.router.start();                          // queries at 0, 31.25, then 156.25
        h.advance(40);
        h.isIn(G, s(1));
        h.router.reconfigure(Cfg.cfg().queryInterval(Duration.ofSeconds(60)).robustness(3).build());
        assertEquals(GMI, h.timer(G, s(1)), "running timers run out as armed");
        h.isIn(G, s(2));
        assertEquals(sec(3 * 60 + 10), h.timer(G, s(2)), "the new GMI for new reports");
        h.advance(200);
        List<Duration> at = h.port.generals().stream().map(Harness.Sent::at).toList();
        assertEquals(List.of(sec(0), sec(31.25), sec(156.25), sec(216.25)), at);
        assertEquals(3, h.port.generals().get(3).query().robustness());
        assertEquals(Duration.ofSeconds(60), h.port.generals().get(3).query().queryInterval());
    }

    @Test
    void reconfigure_lastMemberValuesApplyToTheNextLeave() {
        Harness h = Harness.querier();
        h.v2(G);
        h.router.reconfigure(Cfg.cfg().lmqc(3).build());
        h.leave(G);
        assertEquals(sec(3), h.group(G).groupTimerLeft());
        h.advance(5);
        assertEquals(3, h.port.specific().size());
    }

    @Test
    void reconfigure_versionDown_cancelsPendingQueries_reannouncesCompatibility_queriesInTheNewVersion() {
        Harness h = Harness.querier();
        h.isIn(G, s(1));
        h.v2(G2);
        h.leave(G2);                               // Q(G2) sent, one retransmission pending
        h.port.clear();
        h.advance(0.5);
        h.router.reconfigure(Cfg.cfg().version(2).build());
        assertEquals(List.of(include(G, 2, s(1))), h.port.takeChanges(), "G2 was already at IGMPv2");
        h.advance(200);
        assertTrue(h.port.specific().isEmpty(), "the pending IGMPv3 retransmission is cancelled");
        assertTrue(h.port.generals().stream().allMatch(q -> q.query().version() == 2));
        assertFalse(h.port.generals().isEmpty());
    }

    @Test
    void reconfigure_versionDown_leftOverSourceStateIsQueriedWithTheWholeGroup() {
        Harness h = Harness.querier();
        h.isIn(G, s(1));
        h.router.reconfigure(Cfg.cfg().version(2).build());
        h.port.clear();
        h.leave(G);                                // TO_IN({}) on INCLUDE ({s1}): IGMPv2 has no Q(G,S)
        assertEquals(LMQT, h.timer(G, s(1)));
        assertEquals(1, h.port.specific().size());
        MembershipQuery q = h.port.specific().get(0).query();
        assertEquals(2, q.version());
        assertTrue(q.sources().isEmpty());
        h.advance(2);
        h.assertNoGroup(G);
    }

    @Test
    void reconfigure_versionUp_keepsTheHostPresentTimers() {
        Harness h = Harness.querier(Cfg.cfg().version(1).build());
        h.v2(G);
        h.v1(G2);
        h.port.clear();
        h.router.reconfigure(IgmpConfig.DEFAULTS);
        assertEquals(List.of(exclude(G, 2)), h.port.changes, "IGMPv2 hosts are still there; G2 stays at 1");
        assertEquals(2, h.group(G).compatibilityVersion());
        assertEquals(1, h.group(G2).compatibilityVersion());
        h.leave(G);
        assertEquals(1, h.port.specific().size(), "leaves are processed again");
    }

    @Test
    void reconfigure_fastLeaveAndSsmRangeApplyAtOnce() {
        Harness h = Harness.querier();
        h.v2(G);
        h.router.reconfigure(Cfg.cfg().fastLeave().ssm("239.0.0.0/8").build());
        h.leave(G);
        assertEquals(1, h.counters.drops(IgmpCounters.Drop.SSM_ASM_REQUEST), "G is now in the SSM range");
        h.v2(SSM);
        h.leave(SSM);
        h.assertNoGroup(SSM);
    }

    @Test
    void theGroupViewTellsTheLastReporterAndTheCreationTime() {
        ManualScheduler probe = new ManualScheduler();
        Harness h = Harness.querier();
        h.advance(42);
        h.isIn(G, s(2), s(1));
        GroupView v = h.group(G);
        assertEquals(HOST, v.lastReporter());
        assertEquals(probe.clock().instant().plusSeconds(42), v.since());
        assertEquals(List.of(s(1), s(2)), v.sources().stream().map(GroupView.SourceView::source).toList(),
                "address order");
        assertTrue(v.sources().get(0).forwarded());
    }

    @Test
    void aFailingPortDoesNotBreakTheRouter() {
        ManualScheduler scheduler = new ManualScheduler();
        List<IgmpGroup> seen = new ArrayList<>();
        IgmpRouterPort bad = new IgmpRouterPort() {
            @Override
            public void sendQuery(MembershipQuery query, InetAddress destination) {
                throw new QuietFailure("socket closed");
            }

            @Override
            public void groupChanged(IgmpGroup group) {
                seen.add(group);
                throw new QuietFailure("listener bug");
            }
        };
        IgmpInterfaceRouter r = new IgmpInterfaceRouter(LOCAL, IgmpConfig.DEFAULTS, scheduler, scheduler.clock(), bad,
                new IgmpCounters());
        r.start();
        r.receive(new org.openmgm.igmp.impl.codec.MembershipReportV2(G), HOST);
        r.receive(new org.openmgm.igmp.impl.codec.LeaveGroup(G), HOST);
        scheduler.advance(Duration.ofSeconds(3));
        assertEquals(List.of(exclude(G, 2), gone(G, 2)), seen);
        assertTrue(r.groups().isEmpty());
    }

    @Test
    void thePortMayReadTheRouterBack_andSeesTheStateItIsToldAbout() {
        ManualScheduler scheduler = new ManualScheduler();
        List<Integer> groupsSeen = new ArrayList<>();
        IgmpInterfaceRouter[] self = new IgmpInterfaceRouter[1];
        IgmpRouterPort port = new IgmpRouterPort() {
            @Override
            public void sendQuery(MembershipQuery query, InetAddress destination) {
            }

            @Override
            public void groupChanged(IgmpGroup group) {
                groupsSeen.add(self[0].groups().size());
            }
        };
        self[0] = new IgmpInterfaceRouter(LOCAL, IgmpConfig.DEFAULTS, scheduler, scheduler.clock(), port,
                new IgmpCounters());
        self[0].start();
        self[0].receive(new org.openmgm.igmp.impl.codec.MembershipReportV2(G), HOST);
        scheduler.advance(GMI);
        assertEquals(List.of(1, 0), groupsSeen);
    }

    @Test
    void theLocalAddressMustBeIpv4Unicast() {
        ManualScheduler s = new ManualScheduler();
        for (String bad : List.of("239.1.1.1", "0.0.0.0", "::1")) {
            assertThrows(IllegalArgumentException.class, () -> new IgmpInterfaceRouter(ip(bad), IgmpConfig.DEFAULTS,
                    s, s.clock(), new Harness(IgmpConfig.DEFAULTS).port, new IgmpCounters()), bad);
        }
    }

    /** A failure without a stack trace, so that the router's warning about it stays one line in the build log. */
    static final class QuietFailure extends RuntimeException {
        QuietFailure(String message) {
            super(message, null, false, false);
        }
    }
}
