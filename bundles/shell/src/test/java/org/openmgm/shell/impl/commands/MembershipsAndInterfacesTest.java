package org.openmgm.shell.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.ShellFixture;

/** {@code memberships}, {@code interfaces} and {@code protocols}. */
class MembershipsAndInterfacesTest extends Scenario {

    @BeforeEach
    void setUp() {
        liven();
    }

    @Test
    void membershipsShowInterfaceProtocolKeyAndExcludedSources() {
        // A routing protocol's (*,G) join that excludes a source (OpenMGM A9).
        var handle = f.upstream.requireRegistration();
        handle.addMembership(SourceGroup.anySource(ShellFixture.ip("239.5.5.5")), ShellFixture.IF102);
        handle.setExcludedSources(ShellFixture.ip("239.5.5.5"), ShellFixture.IF102,
                java.util.Set.of(ShellFixture.ip("10.1.9.9")));
        MembershipsCommand c = new MembershipsCommand(f.view);

        String text = ok(c);
        assertEquals(List.of("sim102", "upstream", "*", "239.5.5.5", "10.1.9.9"),
                cells(linesWith(text, "239.5.5.5").get(0)));
        assertEquals(List.of("sim101", "igmp", "10.1.1.2", "232.1.1.1", "-"), cells(linesWith(text, "10.1.1.2").get(0)));
        assertTrue(text.endsWith("4 memberships\n"), text);

        List<Map<String, Object>> rows = rows(json(c, "-g", "239.5.5.5"), "memberships");
        assertEquals(1, rows.size());
        assertEquals(List.of("10.1.9.9"), rows.get(0).get("excludedSources"));
        assertEquals("1000/0", rows.get(0).get("protocolId"));
        assertEquals(0, rows(json(c, "-g", "239.5.5.5", "-s", "10.1.9.9"), "memberships").size(),
                "data from an excluded source matches nothing");
        assertEquals(2, rows(json(c, "-g", "232.1.1.1"), "memberships").size());
        assertEquals(3, rows(json(c, "-p", "igmp"), "memberships").size());
        assertEquals(3, rows(json(c, "-i", "sim101"), "memberships").size());
        fails(ExitCode.BAD_FILTER, c, "-g", "10.0.0.1");
    }

    @Test
    void interfacesJoinTheDirectoryOwnershipAndIgmp() {
        InterfacesCommand c = new InterfacesCommand(f.view);

        String text = ok(c);
        assertEquals(List.of("sim101", "101", "up", "10.0.101.1/24", "igmp", "v3", "this router", "2"),
                cells(linesWith(text, "sim101").get(0)));
        assertEquals(List.of("sim102", "102", "up", "10.0.102.1/24", "upstream", "off"),
                cells(linesWith(text, "sim102").get(0)));
        assertEquals(List.of("sim103", "103", "up", "10.0.103.1/24", "-", "off"), cells(linesWith(text, "sim103").get(0)));

        List<Map<String, Object>> rows = rows(json(c), "interfaces");
        assertEquals(3, rows.size());
        assertEquals(3L, obj(rows.get(0), "igmp").get("version"));
        assertEquals(Boolean.TRUE, obj(rows.get(0), "igmp").get("querier"));
        assertNull(rows.get(1).get("igmp"));
        assertEquals(List.of("10.0.102.1/24"), rows.get(1).get("addresses"));
        assertEquals(1, rows(json(c, "-i", "sim102"), "interfaces").size());
    }

    @Test
    void protocolsShowTheirInterfacesBundleAndCallbackTotals() {
        ProtocolsCommand c = new ProtocolsCommand(f.view);

        String text = ok(c);
        assertEquals(List.of("upstream", "1000/0", "org.example.upstream", "sim102", "6", "0", "0", "0"),
                cells(linesWith(text, "upstream").get(0)));
        assertTrue(linesWith(text, "igmp [IGMP]", "10/0").size() == 1, text);

        List<Map<String, Object>> rows = rows(json(c, "-p", "upstream"), "protocols");
        assertEquals(1, rows.size());
        assertEquals(1000L, rows.get(0).get("protocol"));
        assertEquals("sim102", rows(rows.get(0), "interfaces").get(0).get("name"));
        assertEquals(6L, obj(rows.get(0), "callbacks").get("delivered"));
        assertEquals(ProtocolId.of(1000, 0).toString(), rows.get(0).get("id"));
        assertEquals(1, rows(json(c, "-i", "sim101"), "protocols").size());
    }
}
