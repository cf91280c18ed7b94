package org.openmgm.protocol.igmpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.protocol.igmpproxy.MembershipMergeTest.ip;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.MgmSettings;
import org.openmgm.core.impl.MulticastGroupManager;
import org.openmgm.core.impl.RouteLookups;
import org.openmgm.core.impl.igmp.IgmpClient;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator.Outcome;
import org.openmgm.testing.ManualScheduler;
import org.openmgm.testing.RecordingProtocol;

/**
 * The proxy in the MGM on the simulated plane, with the MGM's IGMP client for the downstream
 * interfaces (the IGMP router's announcements are played by the test): upstream host membership
 * follows the merged downstream state (RFC 4605 §4.1), and data flows as §4.2 says.
 */
class IgmpProxyTest {

    static final InterfaceId UP = InterfaceId.of(1);
    static final InterfaceId D2 = InterfaceId.of(2);
    static final InterfaceId D3 = InterfaceId.of(3);
    static final InterfaceId OTHER = InterfaceId.of(4);
    static final InetAddress G = ip("239.1.1.1");
    static final InetAddress S = ip("192.0.2.10");          // an upstream source
    static final InetAddress S2 = ip("192.0.2.20");
    static final InetAddress HOST2 = ip("10.0.2.7");        // a source on downstream d2

    final ManualScheduler time = new ManualScheduler();
    final SimulatedPlane plane = new SimulatedPlane(time.clock());
    final RouteLookups lookups = new RouteLookups();
    MulticastGroupManager mgm;
    IgmpProxy proxy;
    IgmpClient igmp;

    @BeforeEach
    void router() {
        for (int i = 1; i <= 4; i++) {
            plane.defineInterface(new NetworkInterfaceInfo(InterfaceId.of(i), i == 1 ? "up" : "d" + i, true, true,
                    List.of(new NetworkInterfaceInfo.Address(ip("10.0." + i + ".1"), 24))));
        }
        lookups.add(plane, 0);
        plane.addRoute(Prefix.parse("0.0.0.0/0"), UP, ip("10.0.1.254"));
        mgm = new MulticastGroupManager(MgmSettings.DEFAULTS, plane, lookups, time, time.clock());
        mgm.start();
        plane.addRouteListener(mgm.routeListener());
        igmp = new IgmpClient(Runnable::run);
        mgm.register(ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0), "igmp", "test", igmp);
        proxy = new IgmpProxy(new ProxySettings("up", List.of("d2", "d3")),
                name -> plane.byName(name), plane);
        mgm.register(ProtocolId.of(1020, 0), "igmp-proxy", "test", proxy);
        igmp.interfaceStarted(D2);
        igmp.interfaceStarted(D3);
        time.runPending();
    }

    /** The IGMP router announces a group's state on a downstream interface, to both listeners. */
    void igmpSays(InterfaceId ifId, FilterMode mode, InetAddress... sources) {
        IgmpGroup g = new IgmpGroup(G, mode, Set.of(sources), 3);
        igmp.groupChanged(ifId, g);
        proxy.groupChanged(ifId, g);
        time.runPending();
    }

    Map<InetAddress, IgmpGroup> upstreamHost() {
        return plane.filters(UP);
    }

    @Test
    void aDownstreamJoinIsAnUpstreamHostJoinAndTheLastLeaveLeaves() {
        igmpSays(D2, FilterMode.EXCLUDE);
        assertEquals(new IgmpGroup(G, FilterMode.EXCLUDE, Set.of(), 3), upstreamHost().get(G));

        igmpSays(D3, FilterMode.EXCLUDE);
        igmpSays(D2, FilterMode.INCLUDE);
        assertTrue(upstreamHost().containsKey(G), "d3 still wants it");

        igmpSays(D3, FilterMode.INCLUDE);
        assertEquals(Map.of(), upstreamHost(), "the last member left: the proxy left upstream");
    }

    @Test
    void sourceListsAreKeptUpstream() {
        igmpSays(D2, FilterMode.INCLUDE, S);
        igmpSays(D3, FilterMode.INCLUDE, S2);

        assertEquals(new IgmpGroup(G, FilterMode.INCLUDE, Set.of(S, S2), 3), upstreamHost().get(G),
                "igmpproxy would have joined the whole group");
        igmpSays(D3, FilterMode.EXCLUDE, S, S2);
        assertEquals(new IgmpGroup(G, FilterMode.EXCLUDE, Set.of(S2), 3), upstreamHost().get(G));
    }

    @Test
    void upstreamDataReachesExactlyTheDownstreamInterfacesWithMembers() {
        igmpSays(D2, FilterMode.EXCLUDE);

        assertEquals(Outcome.QUEUED, plane.inject(UP, S, G, 100).outcome());
        time.runPending();

        assertEquals(UP, mgm.mfe(S, G).orElseThrow().incomingInterface());
        assertEquals(List.of(D2), plane.inject(UP, S, G, 100).forwardedTo());
    }

    @Test
    void downstreamDataGoesUpstreamAndToOtherMembers() {
        igmpSays(D3, FilterMode.EXCLUDE);

        plane.inject(D2, HOST2, G, 100);
        time.runPending();

        assertEquals(D2, mgm.mfe(HOST2, G).orElseThrow().incomingInterface(), "a downstream source is expected there");
        assertEquals(List.of(UP, D3), plane.inject(D2, HOST2, G, 100).forwardedTo());
    }

    @Test
    void anExcludedSourceIsNotForwardedDownstream() {
        igmpSays(D2, FilterMode.EXCLUDE, S);

        plane.inject(UP, S, G, 100);
        plane.inject(UP, S2, G, 100);
        time.runPending();

        assertEquals(Outcome.DROPPED_NEGATIVE, plane.inject(UP, S, G, 100).outcome());
        assertEquals(List.of(D2), plane.inject(UP, S2, G, 100).forwardedTo());
    }

    @Test
    void receiversOfAnotherProtocolAreJoinedUpstreamToo() {
        RecordingProtocol other = new RecordingProtocol(r -> r.takeInterface(OTHER));
        mgm.register(ProtocolId.of(3000, 0), "other", "test", other);
        SourceGroup starG = SourceGroup.anySource(G);

        other.requireRegistration().addMembership(starG, OTHER);
        assertEquals(FilterMode.EXCLUDE, upstreamHost().get(G).mode(), "a join alert made the proxy join");

        plane.inject(UP, S, G, 100);
        time.runPending();
        assertEquals(List.of(OTHER), plane.inject(UP, S, G, 100).forwardedTo());

        other.requireRegistration().deleteMembership(starG, OTHER);
        assertEquals(Map.of(), upstreamHost(), "the prune alert made it leave");
    }

    @Test
    void whenTheProxyGoesItLeavesUpstream() {
        igmpSays(D2, FilterMode.EXCLUDE);
        assertEquals(1, upstreamHost().size());

        proxy.detached(null);
        mgm.stop();

        assertEquals(Map.of(), upstreamHost());
        assertEquals(Optional.empty(), Optional.ofNullable(proxy.upstreamMembership().get(G)));
    }
}
