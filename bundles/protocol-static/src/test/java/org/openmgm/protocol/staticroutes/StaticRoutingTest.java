package org.openmgm.protocol.staticroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.protocol.staticroutes.StaticRig.ip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator.Outcome;
import org.openmgm.testing.RecordingProtocol;

/** Static routes in the MGM on the simulated plane: what smcroute does, route by route. */
class StaticRoutingTest {

    static final InterfaceId ETH1 = InterfaceId.of(1);
    static final InterfaceId ETH2 = InterfaceId.of(2);
    static final InterfaceId ETH3 = InterfaceId.of(3);
    static final InterfaceId ETH4 = InterfaceId.of(4);
    static final InetAddress S = ip("10.0.1.5");
    static final InetAddress G = ip("239.1.1.1");

    final StaticRig rig = new StaticRig();

    static StaticRoute route(String source, String group, String from, String... to) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of("from", from, "group", group, "to", String.join(",", to)));
        if (source != null) {
            props.put("source", source);
        }
        RouteParser.Result r = RouteParser.fromConfig(props, "test");
        assertEquals(List.of(), r.problems());
        return r.routes().get(0);
    }

    List<InterfaceId> forwardedTo(InetAddress source, InetAddress group, InterfaceId arrival) {
        return rig.plane.inject(arrival, source, group, 100).forwardedTo();
    }

    @Test
    void aSourceGroupRouteIsInTheKernelBeforeAnyPacketAndNeverAges() {
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2", "eth3")));

        ForwardingEntry e = rig.plane.entries().get(SourceGroup.of(S, G));
        assertEquals(ETH1, e.incoming());
        assertEquals(List.of(ETH2, ETH3), e.outgoing());
        assertEquals(List.of(ETH2, ETH3), forwardedTo(S, G, ETH1), "the very first packet is forwarded");
        rig.time.advance(Duration.ofHours(3));
        assertTrue(rig.plane.entries().containsKey(SourceGroup.of(S, G)), "a static route does not age");
    }

    @Test
    void anyGroupRouteTakesTheInboundInterfaceWhateverTheUnicastTableSays() {
        rig.plane.addRoute(Prefix.parse("0.0.0.0/0"), ETH4, ip("10.0.4.254"));     // unicast says eth4
        rig.run();
        rig.routing.setRoutes("a", List.of(route(null, "239.1.1.1", "eth1", "eth2"),
                route(null, "239.7.7.7", "eth1", "eth4")));                       // eth4 is in use too

        assertEquals(Outcome.QUEUED, rig.plane.inject(ETH1, S, G, 100).outcome());
        rig.run();

        assertEquals(ETH1, rig.mgm.mfe(S, G).orElseThrow().incomingInterface());
        assertEquals(List.of(ETH2), forwardedTo(S, G, ETH1));
        InetAddress elsewhere = ip("10.0.4.9");
        rig.plane.inject(ETH4, elsewhere, G, 100);
        rig.run();
        assertEquals(ETH1, rig.mgm.mfe(elsewhere, G).orElseThrow().incomingInterface(), "the route decides");
        assertEquals(Outcome.DROPPED_WRONG_INTERFACE, rig.plane.inject(ETH4, elsewhere, G, 100).outcome());
    }

    @Test
    void aRangeRouteForwardsEveryGroupOfItsRangeAndNothingElse() {
        rig.routing.setRoutes("a", List.of(route(null, "239.1.0.0/16", "eth1", "eth3")));
        InetAddress inRange = ip("239.1.44.5");
        InetAddress outside = ip("239.2.0.1");

        rig.plane.inject(ETH1, S, inRange, 100);
        rig.plane.inject(ETH1, S, outside, 100);
        rig.run();

        assertEquals(List.of(ETH3), forwardedTo(S, inRange, ETH1));
        assertEquals(Outcome.DROPPED_NEGATIVE, rig.plane.inject(ETH1, S, outside, 100).outcome());
    }

    @Test
    void theMostSpecificRouteGovernsAnEntry() {
        rig.routing.setRoutes("a", List.of(route(null, "239.1.0.0/16", "eth1", "eth2"),
                route(null, "239.1.1.1", "eth1", "eth3"), route("10.0.1.5", "239.1.1.1", "eth1", "eth4")));
        InetAddress other = ip("10.0.1.6");

        rig.plane.inject(ETH1, other, G, 100);
        rig.run();

        assertEquals(List.of(ETH4), forwardedTo(S, G, ETH1), "(S,G) beats (*,G)");
        assertEquals(List.of(ETH3), forwardedTo(other, G, ETH1), "(*,G) beats (*,G/16), and not eth4");
    }

    @Test
    void addingAReceiverChangesNothingForTheExistingOne() {
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2")));
        List<List<InterfaceId>> seen = new ArrayList<>();
        seen.add(rig.plane.entries().get(SourceGroup.of(S, G)).outgoing());

        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2", "eth3")));
        seen.add(rig.plane.entries().get(SourceGroup.of(S, G)).outgoing());
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth3")));
        seen.add(rig.plane.entries().get(SourceGroup.of(S, G)).outgoing());

        assertEquals(List.of(List.of(ETH2), List.of(ETH2, ETH3), List.of(ETH3)), seen,
                "eth2 stays until eth3 is in, eth3 stays while eth2 goes");
    }

    @Test
    void onlyChangedRoutesAreTouched() {
        InetAddress g2 = ip("239.2.2.2");
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2"),
                route("10.0.1.5", "239.2.2.2", "eth1", "eth3")));
        long uptimeBefore = rig.mgm.mfe(S, g2).orElseThrow().upTime().toMillis();
        rig.time.advance(Duration.ofSeconds(10));

        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth4"),
                route("10.0.1.5", "239.2.2.2", "eth1", "eth3")));

        assertEquals(uptimeBefore + 10_000, rig.mgm.mfe(S, g2).orElseThrow().upTime().toMillis(),
                "the unchanged route's entry was not re-created");
        assertEquals(List.of(ETH4), rig.plane.entries().get(SourceGroup.of(S, G)).outgoing());
    }

    @Test
    void aRemovedRouteLeavesNothingBehind() {
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2"),
                route(null, "239.3.3.3", "eth1", "eth3")));
        rig.plane.inject(ETH1, S, ip("239.3.3.3"), 100);
        rig.run();

        rig.routing.setRoutes("a", List.of());
        rig.time.advance(Duration.ofSeconds(2));

        assertEquals(Map.of(), rig.plane.entries());
        assertEquals(List.of(), rig.mgm.memberships());
        assertEquals(List.of(), rig.mgm.interfaces(), "every interface released");
    }

    @Test
    void aChangedInboundInterfaceMovesTheEntry() {
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2")));

        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth4", "eth2")));
        rig.run();

        ForwardingEntry e = rig.plane.entries().get(SourceGroup.of(S, G));
        assertEquals(ETH4, e.incoming(), "re-created with the new inbound interface");
        assertEquals(List.of(ETH2), e.outgoing());
    }

    @Test
    void overlappingRoutesUseTheFirst() {
        rig.routing.setRoutes("a", List.of(route(null, "239.1.1.1", "eth1", "eth2")));
        rig.routing.setRoutes("b", List.of(route(null, "239.1.1.1", "eth4", "eth3")));

        assertEquals(1, rig.routing.activeRoutes().size());
        assertEquals("eth1", rig.routing.activeRoutes().get(0).from());
    }

    @Test
    void aRouteWithAMissingInterfaceAppliesWhenItAppears() {
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth9")));
        assertEquals(List.of(), rig.routing.activeRoutes());

        rig.plane.defineInterface(new NetworkInterfaceInfo(InterfaceId.of(9), "eth9", true, true,
                List.of(new NetworkInterfaceInfo.Address(ip("10.0.9.1"), 24))));
        rig.routing.interfacesChanged();

        assertEquals(List.of(InterfaceId.of(9)), rig.plane.entries().get(SourceGroup.of(S, G)).outgoing());
    }

    @Test
    void aRouteOverAnotherProtocolsInterfaceIsNotApplied() {
        RecordingProtocol other = new RecordingProtocol(r -> r.takeInterface(ETH3));
        rig.mgm.register(ProtocolId.of(2000, 0), "other", "test", other);
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth3"),
                route("10.0.1.5", "239.4.4.4", "eth1", "eth2")));

        assertEquals(1, rig.routing.activeRoutes().size());
        assertEquals(Optional.of(ProtocolId.of(2000, 0)), rig.mgm.protocolOnInterface(ETH3));
        assertFalse(rig.plane.entries().containsKey(SourceGroup.of(S, G)));
    }

    @Test
    void theRoutesComeBackWhenTheMgmRegistersTheProtocolAgain() {
        rig.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2")));
        rig.mgm.stop();
        assertEquals(Map.of(), rig.plane.entries());

        StaticRig fresh = new StaticRig();
        fresh.routing.setRoutes("a", List.of(route("10.0.1.5", "239.1.1.1", "eth1", "eth2")));
        assertEquals(1, fresh.plane.entries().size());
    }

    @Test
    void tenThousandSourceGroupRoutesReachThePlane() {
        List<StaticRoute> routes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            routes.add(route("10.0.1." + (1 + i % 200), "239.9." + (i / 200) + "." + (1 + i % 200), "eth1", "eth2"));
        }

        rig.routing.setRoutes("many", routes);

        assertEquals(10_000, rig.plane.entries().size());
        assertEquals(10_000, rig.routing.activeRoutes().size());
    }
}
