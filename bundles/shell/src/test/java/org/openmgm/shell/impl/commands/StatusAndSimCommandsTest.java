package org.openmgm.shell.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.JsonParser;
import org.openmgm.shell.impl.RouterView;

/** {@code status}, the sim commands, and commands without the services they need. */
class StatusAndSimCommandsTest extends Scenario {

    @Test
    void statusSaysRunningAndHealthyWithWhatTheMgmHolds() {
        liven();
        StatusCommand c = new StatusCommand(f.view, null);

        String text = ok(c);
        assertTrue(text.startsWith("OpenMGM is running and healthy\n"), text);
        assertTrue(text.contains("MGM         up: 2 protocols, 2 interfaces, 3 memberships, 1 MFEs"), text);
        assertTrue(text.contains("IGMP        running on 1 interface(s), 2 groups"), text);
        Map<String, Object> m = json(c);
        assertEquals(Boolean.TRUE, m.get("healthy"));
        assertEquals(1L, obj(m, "mgm").get("mfes"));
        fails(ExitCode.USAGE, c, "extra");
    }

    @Test
    void withoutTheMgmStatusIsUnhealthyAndTheTablesAreUnavailable() {
        RouterView empty = RouterView.of(null, null, null, null, f.time.clock());

        var r = fails(ExitCode.UNHEALTHY, new StatusCommand(empty, null), "--json");
        assertEquals(List.of("the MGM service is not running"), JsonParser.object(r.output()).get("problems"));
        assertTrue(fails(ExitCode.UNAVAILABLE, new MrouteCommand(empty)).output().contains("the MGM service is not running"));
        fails(ExitCode.UNAVAILABLE, new MembershipsCommand(empty));
        fails(ExitCode.UNAVAILABLE, new InterfacesCommand(empty));
        fails(ExitCode.UNAVAILABLE, new ProtocolsCommand(empty));
        fails(ExitCode.UNAVAILABLE, new CallbacksCommand(empty));
        fails(ExitCode.UNAVAILABLE, new RecentCallbacksCommand(empty));
        assertTrue(fails(ExitCode.UNAVAILABLE, new SimSendCommand(empty), "1", "10.1.1.1", "239.1.1.1").output()
                .contains("no simulated forwarding plane"));
    }

    @Test
    void simJoinAndLeaveInjectWhatAHostSends() {
        Map<String, Object> join = json(new SimJoinCommand(f.view), "sim101", "239.1.1.1");
        assertEquals("IGMPv3 report TO_EX {}", join.get("message"));
        assertEquals("10.0.101.100", join.get("host"));
        assertEquals(1, f.mgm.memberships().size());

        String leave = ok(new SimLeaveCommand(f.view), "sim101", "239.1.1.1");
        assertEquals("Host 10.0.101.100 on sim101 sent an IGMPv3 report TO_IN {} for 239.1.1.1 to 224.0.0.22\n", leave);
        f.time.advance(java.time.Duration.ofSeconds(3));          // last member queries (RFC 3376 §6.6.3.1)
        assertEquals(0, f.mgm.memberships().size());

        assertTrue(ok(new SimJoinCommand(f.view), "sim101", "239.2.2.2", "--v2").contains("IGMPv2 report"));
        assertTrue(ok(new SimLeaveCommand(f.view), "sim101", "239.2.2.2", "--v2").contains("IGMPv2 leave for 239.2.2.2 to"
                + " 224.0.0.2"));
        assertTrue(ok(new SimLeaveCommand(f.view), "sim101", "232.1.1.1", "10.1.1.1").contains("BLOCK {10.1.1.1}"));
    }

    @Test
    void simCommandsRefuseBadInputClearly() {
        SimJoinCommand join = new SimJoinCommand(f.view);
        assertTrue(fails(ExitCode.UNAVAILABLE, join, "sim102", "239.1.1.1").output()
                .contains("IGMP does not run on sim102"));
        assertTrue(fails(ExitCode.USAGE, join, "sim101").output().contains("needs IF GROUP"));
        assertTrue(fails(ExitCode.USAGE, join, "sim101", "239.1.1.1", "10.1.1.1", "--v2").output()
                .contains("IGMPv2 cannot name sources"));
        fails(ExitCode.BAD_FILTER, join, "sim101", "10.0.0.1");
        fails(ExitCode.BAD_FILTER, join, "nowhere", "239.1.1.1");
        SimSendCommand send = new SimSendCommand(f.view);
        assertTrue(fails(ExitCode.USAGE, send, "sim102").output().contains("sim-send needs IF SOURCE GROUP [COUNT]"));
        fails(ExitCode.BAD_FILTER, send, "sim102", "239.1.1.1", "239.1.1.1");
        fails(ExitCode.BAD_FILTER, send, "sim102", "10.1.1.1", "239.1.1.1", "-5");
        assertTrue(!send.readOnly() && !join.readOnly() && new MrouteCommand(f.view).readOnly());
    }

    @Test
    void simSendReportsWhatThePlaneDid() {
        ok(new SimJoinCommand(f.view), "sim101", "239.1.1.1");
        ok(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1");
        Map<String, Object> m = json(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1", "3", "--size", "200");

        assertEquals(Map.of("FORWARDED", 3L), m.get("outcomes"));
        assertEquals(List.of("sim101"), m.get("forwardedTo"));
        assertEquals("3 packet(s) of 200 bytes from 10.1.1.1 to 239.1.1.1 on sim102: 3 forwarded (out of sim101)\n",
                ok(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1", "3", "--size", "200"));
        assertTrue(ok(new SimSendCommand(f.view), "sim103", "10.1.1.1", "239.1.1.1").contains("1 dropped not enabled"));
    }
}
