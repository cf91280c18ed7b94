package org.openmgm.protocol.staticroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Routes from factory configurations and from smcroute's syntax, every problem named. */
class RouteParserTest {

    @Test
    void aFactoryConfigurationIsOneRoute() {
        RouteParser.Result r = RouteParser.fromConfig(Map.of("from", "eth0", "group", "239.1.1.1", "source", "10.0.0.5",
                "to", "eth2, eth1"), "route a");

        assertEquals(List.of(), r.problems());
        StaticRoute s = r.routes().get(0);
        assertEquals(StaticRoute.Kind.SOURCE_GROUP, s.kind());
        assertEquals(List.of("eth1", "eth2"), s.to());
        assertEquals("(10.0.0.5, 239.1.1.1) from eth0 to eth1 eth2", s.toString());
    }

    @Test
    void badValuesAreNamedWithTheirKey() {
        assertProblem(Map.of("from", "eth0", "group", "10.1.1.1", "to", "eth1"), "group '10.1.1.1' is not a multicast group");
        assertProblem(Map.of("from", "eth0", "group", "239.1.1.1", "source", "239.2.2.2", "to", "eth1"),
                "source '239.2.2.2' is not a unicast source");
        assertProblem(Map.of("from", "eth0", "group", "224.0.0.5", "to", "eth1"), "link-local");
        assertProblem(Map.of("from", "eth0", "group", "239.1.1.1", "to", "eth0 eth1"), "names the inbound interface eth0");
        assertProblem(Map.of("from", "eth0", "group", "239.1.x.1", "to", "eth1"), "group '239.1.x.1' is not an address");
        assertProblem(Map.of("group", "239.1.1.1", "to", "eth1"), "from is required");
        assertProblem(Map.of("from", "eth0", "group", "224.0.0.0/3", "to", "eth1"), "beyond the multicast range");
        assertProblem(Map.of("from", "eth0", "group", "239.1.0.0/16", "source", "10.0.0.1", "to", "eth1"),
                "a source with a group range");
    }

    private static void assertProblem(Map<String, ?> props, String expected) {
        RouteParser.Result r = RouteParser.fromConfig(props, "route x");
        assertEquals(List.of(), r.routes());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains(expected) && p.startsWith("route x")), r.problems().toString());
    }

    @Test
    void smcrouteFilesAreReadAndUnsupportedLinesReportedByNumber() {
        List<String> lines = List.of(
                "# smcroute.conf",
                "phyint eth0 enable",
                "phyint eth1",
                "",
                "mroute from eth0 group 225.1.2.3 to eth1 eth2   # (*,G)",
                "mroute from eth0 source 10.0.0.1 group 225.3.3.3 to eth1",
                "mroute from eth0 group 225.9.0.0/16 to eth2",
                "mgroup from eth0 group 225.1.1.1",
                "mroute from eth0 group 225.1.2.3",
                "phyint eth3 ttl-threshold 5",
                "route add 10.0.0.0/8");

        RouteParser.Result r = RouteParser.fromSmcroute(lines, "smcroute.conf");

        assertEquals(3, r.routes().size());
        assertEquals(StaticRoute.Kind.ANY_SOURCE, r.routes().get(0).kind());
        assertEquals(StaticRoute.Kind.SOURCE_GROUP, r.routes().get(1).kind());
        assertEquals(StaticRoute.Kind.GROUP_PREFIX, r.routes().get(2).kind());
        assertEquals("smcroute.conf line 5", r.routes().get(0).origin());
        assertEquals(4, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("smcroute.conf line 8: mgroup"));
        assertTrue(r.problems().get(1).startsWith("smcroute.conf line 9: expected"));
        assertTrue(r.problems().get(2).startsWith("smcroute.conf line 10: unsupported phyint"));
        assertTrue(r.problems().get(3).startsWith("smcroute.conf line 11: unknown statement 'route'"));
    }

    @Test
    void anySourceIsWrittenAsAStarOrLeftOut() {
        RouteParser.Result star = RouteParser.fromSmcroute(List.of("mroute from eth0 source * group 239.1.1.1 to eth1"), "f");
        assertNull(star.routes().get(0).source());
    }
}
