package org.openmgm.shell.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.RouterView;

/** {@code groups}, {@code igmp} and {@code igmp-stats}, and what they say without IGMP. */
class IgmpCommandsTest extends Scenario {

    @BeforeEach
    void setUp() {
        liven();
    }

    @Test
    void groupsShowModeVersionTimersAndSources() {
        GroupsCommand c = new GroupsCommand(f.view);

        String text = ok(c);
        assertEquals(List.of("sim101", "239.1.1.1", "EXCLUDE", "3", "00:00:07", "00:04:13", "-", "-", "10.0.101.100",
                "*"), cells(linesWith(text, "239.1.1.1").get(0)));
        assertEquals(List.of("sim101", "232.1.1.1", "INCLUDE", "3", "00:00:07", "-", "-", "-", "10.0.101.100", "10.1.1.1",
                "00:04:13", "yes"), cells(linesWith(text, "232.1.1.1").get(0)));
        assertEquals(List.of("10.1.1.2", "00:04:13", "yes"), cells(linesWith(text, "10.1.1.2").get(0)));

        List<Map<String, Object>> rows = rows(json(c, "-s", "10.1.1.2"), "groups");
        assertEquals(1, rows.size());
        assertEquals("INCLUDE", rows.get(0).get("mode"));
        assertEquals(2, rows(rows.get(0), "sources").size());
        assertEquals(253L, rows(rows.get(0), "sources").get(0).get("timerSeconds"));
        assertEquals(1, rows(json(c, "-g", "239.1.1.1", "-i", "sim101"), "groups").size());
        assertEquals(0, rows(json(c, "-i", "sim102"), "groups").size());
    }

    @Test
    void anIgmpv2HostTurnsItsGroupToVersion2() {
        ok(new SimJoinCommand(f.view), "sim101", "239.2.2.2", "--v2");
        Map<String, Object> g = rows(json(new GroupsCommand(f.view), "-g", "239.2.2.2"), "groups").get(0);

        assertEquals(2L, g.get("version"));
        assertTrue(((Long) g.get("v2HostTimerSeconds")) > 0);
    }

    @Test
    void igmpShowsTheQuerierStatePerInterface() {
        IgmpCommand c = new IgmpCommand(f.view);

        assertEquals(List.of("sim101", "3", "yes", "10.0.101.1", "-", "2", "125s", "2", "2"),
                cells(linesWith(ok(c), "sim101").get(0)));
        Map<String, Object> r = rows(json(c), "igmp").get(0);
        assertEquals(125L, r.get("queryIntervalSeconds"));
        assertEquals(Boolean.TRUE, r.get("querier"));
        fails(ExitCode.BAD_FILTER, c, "-i", "nowhere");
    }

    @Test
    void igmpStatsCountMessagesAndDropsByReason() {
        // A report from a host that is not on the link is dropped and counted (RFC 3376 §9.2).
        ok(new SimJoinCommand(f.view), "sim101", "239.3.3.3", "--from", "192.0.2.7");
        IgmpStatsCommand c = new IgmpStatsCommand(f.view);

        String text = ok(c);
        assertEquals(List.of("REPORT_V3_RECEIVED", "2"), cells(linesWith(text, "REPORT_V3_RECEIVED").get(0)));
        assertEquals(List.of("drop NOT_ON_LINK", "1"), cells(linesWith(text, "NOT_ON_LINK").get(0)));
        assertEquals(List.of("drops total", "1"), cells(linesWith(text, "drops total").get(0)));
        assertTrue(linesWith(ok(c, "--nonzero"), "BAD_CHECKSUM").isEmpty(), "zero rows left out");

        Map<String, Object> r = rows(json(c), "igmpStats").get(0);
        assertEquals(1L, obj(r, "drops").get("NOT_ON_LINK"));
        assertEquals(2L, obj(r, "messages").get("REPORT_V3_RECEIVED"));
        assertEquals(1L, r.get("dropsTotal"));
    }

    @Test
    void withoutIgmpTheCommandsSaySoWithTheirOwnCode() {
        RouterView noIgmp = RouterView.of(f.mgm, null, f.plane, f.plane, f.time.clock());

        assertTrue(fails(ExitCode.UNAVAILABLE, new GroupsCommand(noIgmp)).output().contains("IGMP is not running"));
        fails(ExitCode.UNAVAILABLE, new IgmpCommand(noIgmp));
        fails(ExitCode.UNAVAILABLE, new IgmpStatsCommand(noIgmp), "--json");
        f.time.advance(Duration.ofSeconds(1));
    }
}
