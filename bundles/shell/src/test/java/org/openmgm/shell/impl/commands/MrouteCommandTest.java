package org.openmgm.shell.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.shell.impl.ExitCode;

/** {@code mroute}: the routing table with owners, timers and counters; filters; errors. */
class MrouteCommandTest extends Scenario {

    MrouteCommand mroute;

    @BeforeEach
    void setUp() {
        liven();
        mroute = new MrouteCommand(f.view);
    }

    @Test
    void textShowsOneAlignedRowPerEntryWithOwnersTimersAndCounters() {
        String text = ok(mroute);

        List<String> lines = text.lines().toList();
        assertEquals(List.of("Source", "Group", "Input", "Output", "Out-pkts", "Uptime", "Expires", "Packets", "Bytes",
                "Wrong-if"), cells(lines.get(0)));
        assertEquals(List.of("10.1.1.1", "239.1.1.1", "sim102 (upstream)", "sim101 (igmp)", "9", "00:00:07", "00:14:53",
                "11", "11000", "2"), cells(lines.get(1)));
        assertEquals(lines.get(0).indexOf("Output"), lines.get(1).indexOf("sim101"), "columns align");
        assertEquals("1 entry", lines.get(2));
    }

    @Test
    void jsonCarriesTheSameDataWithPerInterfaceOwnersAndCounters() {
        Map<String, Object> m = rows(json(mroute), "mroute").get(0);

        assertEquals("10.1.1.1", m.get("source"));
        assertEquals("239.1.1.1", m.get("group"));
        assertEquals(Map.of("ifIndex", 102L, "name", "sim102", "owner", "upstream", "ownerProtocols", List.of("1000/0")),
                obj(m, "incomingInterface"));
        assertEquals("10.0.102.254", m.get("upstreamNeighbor"));
        assertEquals(7L, m.get("uptimeSeconds"));
        assertEquals(893L, m.get("expiresSeconds"));
        assertEquals(11L, m.get("packets"));
        assertEquals(11000L, m.get("bytes"));
        assertEquals(2L, m.get("wrongInterfacePackets"));
        Map<String, Object> oif = rows(m, "outgoingInterfaces").get(0);
        assertEquals("sim101", oif.get("name"));
        assertEquals("igmp", oif.get("owner"));
        assertEquals(9L, oif.get("packets"));
    }

    @Test
    void filtersSelectByGroupSourceInterfaceAndProtocol() {
        assertEquals(1, rows(json(mroute, "-g", "239.1.1.1"), "mroute").size());
        assertEquals(0, rows(json(mroute, "--group=239.9.9.9"), "mroute").size());
        assertEquals(1, rows(json(mroute, "-s", "10.1.1.1", "-i", "sim101"), "mroute").size(), "an oif matches");
        assertEquals(1, rows(json(mroute, "-i", "102"), "mroute").size(), "the iif, by index");
        assertEquals(1, rows(json(mroute, "-i", "if101"), "mroute").size());
        assertEquals(0, rows(json(mroute, "-i", "sim103"), "mroute").size());
        assertEquals(1, rows(json(mroute, "-p", "igmp"), "mroute").size());
        assertEquals(1, rows(json(mroute, "-p", "1000"), "mroute").size());
        assertTrue(ok(mroute, "-s", "10.2.2.2").endsWith("0 entries\n"));
    }

    @Test
    void aNegativeEntryIsShownAsSuch() {
        ok(new SimSendCommand(f.view), "sim102", "10.1.7.7", "239.7.7.7");
        String text = ok(mroute, "-g", "239.7.7.7");

        assertTrue(text.contains("- (negative)"), text);
        assertTrue(text.contains("(1 negative: data dropped)"), text);
        assertEquals(Boolean.TRUE, rows(json(mroute, "-g", "239.7.7.7"), "mroute").get(0).get("negative"));
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndItsOwnCode() {
        assertEquals("openmgm: group '1.2.3.4' is not a multicast address (224.0.0.0/4)\n",
                fails(ExitCode.BAD_FILTER, mroute, "-g", "1.2.3.4").output());
        assertTrue(fails(ExitCode.BAD_FILTER, mroute, "-s", "10.1.1.x").output().contains("not a numeric IP address"));
        assertTrue(fails(ExitCode.BAD_FILTER, mroute, "-i", "eth9").output()
                .contains("unknown interface 'eth9': neither a name the forwarding plane knows (sim101, sim102, sim103)"));
        assertTrue(fails(ExitCode.BAD_FILTER, mroute, "-p", "pim").output().contains("no registered protocol 'pim'"));
        assertTrue(fails(ExitCode.USAGE, mroute, "--bogus").output().contains("unknown option '--bogus' for mroute"));
        assertTrue(fails(ExitCode.USAGE, mroute, "-g").output().contains("needs a value"));
        Map<String, Object> error = org.openmgm.shell.impl.JsonParser.object(
                fails(ExitCode.BAD_FILTER, mroute, "-g", "nope", "--json").output());
        assertEquals(6L, error.get("exitCode"));
        assertTrue(((String) error.get("error")).contains("'nope'"));
    }

    @Test
    void helpListsTheOptions() {
        String help = ok(mroute, "--help");
        assertTrue(help.startsWith("Usage: mroute [options]"), help);
        assertTrue(help.contains("-g, --group GROUP"), help);
        assertTrue(help.contains("--json"), help);
    }
}
