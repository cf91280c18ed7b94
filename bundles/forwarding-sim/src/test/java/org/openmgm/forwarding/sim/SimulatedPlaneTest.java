package org.openmgm.forwarding.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.Prefix;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.PacketSimulator.Outcome;
import org.openmgm.spi.ReversePath;
import org.openmgm.testing.ManualScheduler;

/** The simulated plane behaves like the kernel's multicast forwarding (DESIGN.md "Linux data plane facts"). */
class SimulatedPlaneTest {

    static final InterfaceId IF1 = InterfaceId.of(1);
    static final InterfaceId IF2 = InterfaceId.of(2);
    static final InterfaceId IF3 = InterfaceId.of(3);
    static final InetAddress S = ip("10.1.1.1");
    static final InetAddress G = ip("239.1.1.1");

    final ManualScheduler time = new ManualScheduler();
    final SimulatedPlane plane = new SimulatedPlane(time.clock());
    final List<String> upcalls = new ArrayList<>();

    @BeforeEach
    void open() {
        plane.open(new ForwardingUpcalls() {
            @Override
            public void noCacheEntry(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
                assertEquals(20, header.remaining(), "an IPv4 header");
                upcalls.add("nocache " + arrival);
            }

            @Override
            public void wrongInterface(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
                upcalls.add("wrongif " + arrival);
            }
        });
        plane.addInterface(IF1);
        plane.addInterface(IF2);
        plane.addInterface(IF3);
    }

    @Test
    void withoutAnEntryPacketsAreQueuedFourDeepAndReportedOnce() {
        for (int i = 0; i < 4; i++) {
            assertEquals(Outcome.QUEUED, plane.inject(IF1, S, G, 100).outcome());
        }
        assertEquals(Outcome.DROPPED_QUEUE_FULL, plane.inject(IF1, S, G, 100).outcome());
        assertEquals(List.of("nocache if1"), upcalls);

        plane.install(new ForwardingEntry(S, G, IF1, List.of(IF2, IF3)));

        assertEquals(4, plane.interfaceCounters().get(IF2).packetsOut(), "the queue is forwarded on install");
        assertEquals(List.of(IF2, IF3), plane.inject(IF1, S, G, 100).forwardedTo());
        MfeCounters c = plane.counters(S, G).orElseThrow();
        assertEquals(5, c.inPackets());
        assertEquals(500, c.inOctets());
        assertEquals(10, c.totalOutPackets());
        assertEquals(5, c.outgoing().get(IF3).outPackets());
    }

    @Test
    void anUnresolvedFlowIsForgottenAfterTenSecondsAndReportedAgain() {
        plane.inject(IF1, S, G, 100);
        time.advance(Duration.ofSeconds(5));
        plane.inject(IF1, S, G, 100);
        assertEquals(1, upcalls.size());
        time.advance(Duration.ofSeconds(6));
        plane.inject(IF1, S, G, 100);
        assertEquals(2, upcalls.size());
    }

    @Test
    void wrongInterfaceNegativeAndDisabledInterfacesDropAndCount() {
        plane.install(new ForwardingEntry(S, G, IF1, List.of(IF2)));
        assertEquals(Outcome.DROPPED_WRONG_INTERFACE, plane.inject(IF3, S, G, 100).outcome());
        assertEquals(List.of("wrongif if3"), upcalls);
        assertEquals(1, plane.counters(S, G).orElseThrow().packetsDifferentInterface());

        plane.install(new ForwardingEntry(S, G, IF1, List.of()));
        assertEquals(Outcome.DROPPED_NEGATIVE, plane.inject(IF1, S, G, 100).outcome());
        assertEquals(1, plane.counters(S, G).orElseThrow().negativeMfe());

        assertEquals(Outcome.DROPPED_NOT_ENABLED, plane.inject(InterfaceId.of(9), S, G, 100).outcome());
        plane.close();
        assertEquals(Outcome.DROPPED_CLOSED, plane.inject(IF1, S, G, 100).outcome());
        assertTrue(plane.entries().isEmpty());
        assertTrue(plane.interfaceCounters().isEmpty());
    }

    @Test
    void removingAnEntryMakesTheNextPacketACacheMissAgain() {
        plane.install(new ForwardingEntry(S, G, IF1, List.of(IF2)));
        plane.remove(S, G);
        assertEquals(Optional.empty(), plane.counters(S, G));
        assertEquals(Outcome.QUEUED, plane.inject(IF1, S, G, 100).outcome());
    }

    @Test
    void malformedInjectionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> plane.inject(IF1, G, G, 100));
        assertThrows(IllegalArgumentException.class, () -> plane.inject(IF1, S, S, 100));
        assertThrows(IllegalArgumentException.class, () -> plane.inject(IF1, S, G, 0));
        assertThrows(IllegalArgumentException.class, () -> plane.inject(null, S, G, 1));
    }

    @Test
    void routesAnswerByLongestMatchAndChangesAreAnnounced() {
        List<Prefix> announced = new ArrayList<>();
        plane.addRouteListener(announced::add);
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.0.0.1"));
        plane.addRoute(Prefix.parse("10.1.0.0/16"), IF2, ip("10.1.0.1"));

        assertEquals(IF2, plane.lookup(S).map(ReversePath::incoming).orElseThrow());
        assertEquals(IF1, plane.lookup(ip("10.9.9.9")).map(ReversePath::incoming).orElseThrow());
        assertEquals(Optional.empty(), plane.lookup(ip("192.168.1.1")));
        assertTrue(plane.removeRoute(Prefix.parse("10.1.0.0/16")));
        assertEquals(IF1, plane.lookup(S).map(ReversePath::incoming).orElseThrow());
        assertEquals(List.of(Prefix.parse("10.0.0.0/8"), Prefix.parse("10.1.0.0/16"), Prefix.parse("10.1.0.0/16")),
                announced);
    }

    @Test
    void configuredRoutesSkipMalformedEntriesAndKeepTheRest() {
        Map<Prefix, ReversePath> routes = SimulatedPlaneComponent.parseRoutes(
                "10.0.0.0/8 1 10.0.0.254, bogus, 10.1.0.0/33 2, 0.0.0.0/0 3");
        assertEquals(List.of(Prefix.parse("10.0.0.0/8"), Prefix.ANY_V4), List.copyOf(routes.keySet()));
        assertEquals(ip("10.0.0.254"), routes.get(Prefix.parse("10.0.0.0/8")).upstreamNeighbor());
        assertEquals(IF3, routes.get(Prefix.ANY_V4).incoming());
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
