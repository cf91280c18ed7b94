package org.openmgm.igmp.impl.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.api.IgmpGroupStatus;
import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.igmp.impl.codec.GroupRecord;
import org.openmgm.igmp.impl.codec.IgmpCodec;
import org.openmgm.igmp.impl.codec.IgmpMessage;
import org.openmgm.igmp.impl.codec.LeaveGroup;
import org.openmgm.igmp.impl.codec.MalformedIgmpException;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.igmp.impl.codec.MembershipReportV2;
import org.openmgm.igmp.impl.codec.MembershipReportV3;
import org.openmgm.igmp.impl.codec.RecordType;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator.SentIgmp;
import org.openmgm.testing.ManualScheduler;

/**
 * The IGMP router glue on the simulated plane: configuration brings interfaces up and down,
 * packets are validated per RFC 3376 §4.2.14 and §9 (dropped and counted by reason, never thrown),
 * listeners are fed, and the operator view answers.
 */
class IgmpRouterTest {

    static final InterfaceId IF = InterfaceId.of(101);
    static final InetAddress HOST = ip("10.0.101.7");
    static final InetAddress G = ip("239.1.1.1");
    static final InetAddress S = ip("10.9.9.9");

    final ManualScheduler time = new ManualScheduler();
    final SimulatedPlane plane = new SimulatedPlane(time.clock());
    final IgmpRouter router = new IgmpRouter(plane, plane, time, time.clock());
    final List<String> heard = new ArrayList<>();

    final IgmpMembershipListener recorder = new IgmpMembershipListener() {
        @Override
        public void interfaceStarted(InterfaceId ifId) {
            heard.add("started " + ifId.ifIndex());
        }

        @Override
        public void interfaceStopped(InterfaceId ifId) {
            heard.add("stopped " + ifId.ifIndex());
        }

        @Override
        public void groupChanged(InterfaceId ifId, IgmpGroup g) {
            heard.add(g.group().getHostAddress() + " " + g.mode() + " "
                    + g.sources().stream().map(InetAddress::getHostAddress).toList());
        }
    };

    @BeforeEach
    void setUp() {
        plane.defineInterface(new NetworkInterfaceInfo(IF, "sim101", true, true,
                List.of(new NetworkInterfaceInfo.Address(ip("10.0.101.1"), 24))));
        plane.addInterfaceListener(router);
        router.start();
        router.addListener(recorder);
        time.runPending();
    }

    void configure(Map<String, Object> props) {
        IgmpInterfaceSettings.Parsed p = IgmpInterfaceSettings.parse(props);
        assertTrue(p.valid(), p.problems().toString());
        router.configure("pid-" + props.get("interface"), p.settings());
        time.runPending();
    }

    void configureSim101() {
        configure(Map.of("interface", "sim101"));
        heard.clear();
        plane.takeSentIgmp();
    }

    boolean inject(IgmpMessage m, InetAddress source, InetAddress destination, int ttl, boolean ra) {
        return inject(IgmpCodec.encode(m), source, destination, ttl, ra);
    }

    boolean inject(byte[] bytes, InetAddress source, InetAddress destination, int ttl, boolean ra) {
        boolean taken = plane.injectIgmp(new IgmpPacket(IF, source, destination, ttl, ra, ByteBuffer.wrap(bytes)));
        time.runPending();
        return taken;
    }

    static MembershipReportV3 v3(RecordType type, InetAddress group, InetAddress... sources) {
        return new MembershipReportV3(List.of(new GroupRecord(type, group, List.of(sources), new byte[0])));
    }

    long counter(String name) {
        return router.interfaceStatus(IF).orElseThrow().counters().get(name);
    }

    @Test
    void withoutConfigurationIgmpRunsNowhere() {
        time.advance(Duration.ofMinutes(5));

        assertEquals(List.of(), plane.takeSentIgmp(), "no query leaves any interface");
        assertFalse(inject(v3(RecordType.CHANGE_TO_EXCLUDE_MODE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true),
                "nothing is received either");
        assertEquals(List.of(), router.interfaces());
    }

    @Test
    void aConfiguredInterfaceStartsAsQuerierWithAGeneralQuery() throws MalformedIgmpException {
        configure(Map.of("interface", "sim101"));

        List<SentIgmp> sent = plane.takeSentIgmp();
        assertEquals(1, sent.size());
        assertEquals(PacketValidator.ALL_SYSTEMS, sent.get(0).destination());
        MembershipQuery q = (MembershipQuery) IgmpCodec.decode(sent.get(0).message());
        assertTrue(q.isGeneral());
        assertEquals(3, q.version());
        assertEquals(List.of("started 101"), heard);
        IgmpInterfaceStatus status = router.interfaceStatus(IF).orElseThrow();
        assertTrue(status.querier());
        assertEquals("sim101", status.name());
    }

    @Test
    void aV3ReportBecomesAGroupAndLeavingAfterTheLastMemberQueriesRemovesIt() {
        configureSim101();

        inject(v3(RecordType.CHANGE_TO_EXCLUDE_MODE, G, S), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        assertEquals(List.of("239.1.1.1 EXCLUDE [10.9.9.9]"), heard);
        IgmpGroupStatus g = router.groups(IF).get(0);
        assertEquals(HOST, g.lastReporter());
        assertEquals(FilterMode.EXCLUDE, g.mode());

        inject(v3(RecordType.CHANGE_TO_INCLUDE_MODE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        assertEquals(1, heard.size(), "a TO_IN {} only starts the last member queries");
        time.advance(Duration.ofMillis(2_100));                          // LMQT = 2 x 1 s (§8.10)

        assertEquals("239.1.1.1 INCLUDE []", heard.get(1));
        assertEquals(List.of(), router.groups(IF));
        assertEquals(2, plane.takeSentIgmp().stream().filter(s -> s.destination().equals(G)).count(),
                "Last Member Query Count group-specific queries (§6.6.3.1)");
    }

    @Test
    void fastLeaveRemovesTheGroupAtOnce() {
        configure(Map.of("interface", "sim101", "fastLeave", "true"));
        heard.clear();

        inject(new MembershipReportV2(G), HOST, G, 1, true);
        inject(new LeaveGroup(G), HOST, PacketValidator.ALL_ROUTERS, 1, true);

        assertEquals(List.of("239.1.1.1 EXCLUDE []", "239.1.1.1 INCLUDE []"), heard);
    }

    @Test
    void invalidPacketsAreDroppedAndCountedByReasonNeverThrown() {
        configureSim101();
        byte[] good = IgmpCodec.encode(v3(RecordType.MODE_IS_EXCLUDE, G));
        byte[] badSum = good.clone();
        badSum[2] ^= 0x55;

        inject(good, HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 2, true);
        inject(good, HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, false);
        inject(badSum, HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        inject(good, ip("192.168.7.7"), PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        inject(good, HOST, G, 1, true);
        inject(new byte[] {0x22, 0}, HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        inject(IgmpCodec.encode(MembershipQuery.general(3, Duration.ofSeconds(10), 2, Duration.ofSeconds(125))),
                ip("10.0.101.1"), PacketValidator.ALL_SYSTEMS, 1, true);

        assertEquals(List.of(), heard, "nothing reached the state machine");
        assertEquals(1, counter("drop.BAD_TTL"));
        assertEquals(1, counter("drop.NO_ROUTER_ALERT"));
        assertEquals(1, counter("drop.BAD_CHECKSUM"));
        assertEquals(1, counter("drop.NOT_ON_LINK"));
        assertEquals(1, counter("drop.BAD_DESTINATION"));
        assertEquals(1, counter("drop.BAD_LENGTH"));
        assertEquals(1, counter("drop.OWN_QUERY"));

        inject(good, ip("0.0.0.0"), PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        assertEquals(List.of("239.1.1.1 EXCLUDE []"), heard, "a host without an address yet may report (§9.2)");
    }

    @Test
    void routerAlertCanBeMadeOptionalForOddHosts() {
        configure(Map.of("interface", "sim101", "requireRouterAlert", "false"));
        heard.clear();

        inject(v3(RecordType.MODE_IS_EXCLUDE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, false);

        assertEquals(List.of("239.1.1.1 EXCLUDE []"), heard);
    }

    @Test
    void aFloodBeyondTheQueueIsDroppedAndCounted() {
        configureSim101();
        byte[] report = IgmpCodec.encode(v3(RecordType.MODE_IS_EXCLUDE, G));
        int extra = 25;

        for (int i = 0; i < IgmpRouter.MAX_QUEUED + extra; i++) {       // nothing runs meanwhile
            plane.injectIgmp(new IgmpPacket(IF, HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true,
                    ByteBuffer.wrap(report)));
        }
        time.runPending();

        assertEquals(extra, counter("drop.OVERLOAD"));
        assertEquals(IgmpRouter.MAX_QUEUED, counter("REPORT_V3_RECEIVED"));
    }

    @Test
    void aLateListenerIsFedTheCurrentStateFirst() {
        configureSim101();
        inject(v3(RecordType.CHANGE_TO_EXCLUDE_MODE, G, S), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);
        inject(v3(RecordType.ALLOW_NEW_SOURCES, ip("232.1.1.1"), S), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1,
                true);
        List<String> late = new ArrayList<>();

        router.addListener(new IgmpMembershipListener() {
            @Override
            public void interfaceStarted(InterfaceId ifId) {
                late.add("started " + ifId.ifIndex());
            }

            @Override
            public void interfaceStopped(InterfaceId ifId) {
                late.add("stopped");
            }

            @Override
            public void groupChanged(InterfaceId ifId, IgmpGroup g) {
                late.add(g.group().getHostAddress() + " " + g.mode() + " " + g.sources().size());
            }
        });
        time.runPending();

        assertEquals(List.of("started 101", "232.1.1.1 INCLUDE 1", "239.1.1.1 EXCLUDE 1"), late, "groups in address order");
    }

    @Test
    void aThrowingListenerDoesNotDisturbTheOthers() {
        router.addListener(new IgmpMembershipListener() {
            @Override
            public void interfaceStarted(InterfaceId ifId) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void interfaceStopped(InterfaceId ifId) {
            }

            @Override
            public void groupChanged(InterfaceId ifId, IgmpGroup group) {
                throw new IllegalStateException("boom");
            }
        });
        time.runPending();
        configure(Map.of("interface", "sim101"));
        inject(v3(RecordType.MODE_IS_EXCLUDE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);

        assertEquals(List.of("started 101", "239.1.1.1 EXCLUDE []"), heard);
        assertEquals(2L, router.counters().get("listenerFailures"));
    }

    @Test
    void anInterfaceThatVanishesStopsIgmpAndOneThatReturnsStartsIt() {
        configureSim101();
        inject(v3(RecordType.MODE_IS_EXCLUDE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);

        plane.undefineInterface(IF);
        time.runPending();
        assertEquals(List.of("239.1.1.1 EXCLUDE []", "239.1.1.1 INCLUDE []", "stopped 101"), heard);
        assertEquals(List.of(), router.interfaces());

        plane.defineInterface(new NetworkInterfaceInfo(IF, "sim101", true, true,
                List.of(new NetworkInterfaceInfo.Address(ip("10.0.101.1"), 24))));
        time.runPending();
        assertEquals("started 101", heard.get(heard.size() - 1));
        assertEquals(1, router.interfaces().size());
    }

    @Test
    void aDownInterfaceDoesNotRunIgmp() {
        plane.defineInterface(new NetworkInterfaceInfo(IF, "sim101", false, true,
                List.of(new NetworkInterfaceInfo.Address(ip("10.0.101.1"), 24))));
        configure(Map.of("interface", "sim101"));

        assertEquals(List.of(), router.interfaces());
        assertEquals(List.of(), plane.takeSentIgmp());
    }

    @Test
    void reconfigurationAppliesInPlaceAndRemovalStopsIgmp() {
        configureSim101();
        inject(v3(RecordType.MODE_IS_EXCLUDE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);

        configure(Map.of("interface", "sim101", "version", "2", "robustness", "3"));
        IgmpInterfaceStatus status = router.interfaceStatus(IF).orElseThrow();
        assertEquals(2, status.version());
        assertEquals(3, status.robustness());
        assertEquals(1, status.groups(), "the group survived the reconfiguration");

        router.unconfigure("pid-sim101");
        time.runPending();
        assertEquals(List.of(), router.interfaces());
        assertEquals("stopped 101", heard.get(heard.size() - 1));
    }

    @Test
    void aSecondConfigurationForTheSameInterfaceIsIgnored() {
        configureSim101();
        router.configure("other", IgmpInterfaceSettings.parse(Map.of("interface", "sim101", "version", "1"))
                .settings());
        time.runPending();

        assertEquals(3, router.interfaceStatus(IF).orElseThrow().version());
    }

    @Test
    void stoppingAnnouncesEveryGroupGoneThenEveryInterface() {
        configureSim101();
        inject(v3(RecordType.MODE_IS_EXCLUDE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true);

        router.stop();

        assertEquals(List.of("239.1.1.1 EXCLUDE []", "239.1.1.1 INCLUDE []", "stopped 101"), heard);
        assertFalse(inject(v3(RecordType.MODE_IS_EXCLUDE, G), HOST, PacketValidator.ALL_IGMPV3_ROUTERS, 1, true));
    }

    @Test
    void settingsNameTheKeyAndValueOfEveryProblem() {
        IgmpInterfaceSettings.Parsed p = IgmpInterfaceSettings.parse(Map.of("version", "4", "robustness", "x",
                "queryInterval", "-1", "fastLeave", "maybe", "ssmRange", "10.0.0.0/8"));

        assertFalse(p.valid());
        assertEquals(Set.of("version", "robustness", "queryInterval", "fastLeave", "ssmRange", "interface"),
                p.problems().stream().map(IgmpInterfaceSettings.Problem::key).collect(java.util.stream.Collectors.toSet()));
        assertTrue(p.problems().get(0).toString().contains("'4'"), p.problems().get(0).toString());

        IgmpInterfaceSettings.Parsed relation = IgmpInterfaceSettings.parse(Map.of("interface", "eth1",
                "queryInterval", "5", "queryResponseInterval", "10"));
        assertEquals("queryResponseInterval", relation.problems().get(0).key(), relation.problems().toString());

        IgmpInterfaceSettings ok = IgmpInterfaceSettings.parse(Map.of("interface", "eth1", "lastMemberQueryInterval",
                "0.5", "robustness", 3)).settings();
        assertEquals(Duration.ofMillis(500), ok.config().lastMemberQueryInterval());
        assertEquals(3, ok.config().lastMemberQueryCount(), "LMQC defaults to the robustness (§8.9)");
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
