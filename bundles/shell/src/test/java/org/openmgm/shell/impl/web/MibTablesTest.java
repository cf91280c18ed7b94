package org.openmgm.shell.impl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmgm.shell.impl.CommandException;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.ShellFixture;
import org.openmgm.shell.impl.commands.SimJoinCommand;
import org.openmgm.shell.impl.commands.SimSendCommand;

/** The MIB-shaped tables (RFC 5132, RFC 5519) and the web guard. */
class MibTablesTest {

    final ShellFixture f = new ShellFixture();
    final MibTables mib = new MibTables(f.view);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(String table) {
        return (List<Map<String, Object>>) mib.table(table).get("rows");
    }

    @Test
    void routesAndNextHopsCarryTheMibColumns() {
        f.run(new SimJoinCommand(f.view), "sim101", "239.1.1.1");
        f.run(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1", "3");
        f.run(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1", "2");

        Map<String, Object> r = rows("ipMcastRouteTable").get(0);
        assertEquals("239.1.1.1", r.get("ipMcastRouteGroup"));
        assertEquals(32, r.get("ipMcastRouteGroupPrefixLength"));
        assertEquals("10.1.1.1", r.get("ipMcastRouteSource"));
        assertEquals(1, r.get("ipMcastRouteSourceAddressType"));
        assertEquals(102, r.get("ipMcastRouteInIfIndex"));
        assertEquals("10.0.102.254", r.get("ipMcastRouteUpstreamNeighbor"));
        assertEquals(1, r.get("ipMcastRouteProtocol"), "a routing protocol holds the iif: other(1)");
        assertEquals("10.1.0.0", r.get("ipMcastRouteRtAddress"));
        assertEquals(16, r.get("ipMcastRouteRtPrefixLength"));
        assertEquals(5L, r.get("ipMcastRoutePkts"));
        assertEquals(5000L, r.get("ipMcastRouteOctets"));
        assertEquals(90_000L, r.get("ipMcastRouteExpiryTime"), "900 s in TimeTicks");
        Map<String, Object> nh = rows("ipMcastRouteNextHopTable").get(0);
        assertEquals(101, nh.get("ipMcastRouteNextHopIfIndex"));
        assertEquals("239.1.1.1", nh.get("ipMcastRouteNextHopAddress"));
        assertEquals(2, nh.get("ipMcastRouteNextHopState"), "forwarding(2)");
        assertEquals(10, nh.get("ipMcastRouteNextHopProtocol"), "IGMP alone holds the oif: igmpOnly(10)");
        assertEquals(5L, nh.get("ipMcastRouteNextHopPkts"));
    }

    @Test
    void mgmdTablesDescribeInterfacesGroupsAndSources() {
        f.run(new SimJoinCommand(f.view), "sim101", "232.1.1.1", "10.1.1.1");

        Map<String, Object> i = rows("mgmdRouterInterfaceTable").get(0);
        assertEquals(101, i.get("mgmdRouterInterfaceIfIndex"));
        assertEquals("10.0.101.1", i.get("mgmdRouterInterfaceQuerier"));
        assertEquals(125L, i.get("mgmdRouterInterfaceQueryInterval"));
        assertEquals(3, i.get("mgmdRouterInterfaceVersion"));
        assertEquals(1, i.get("mgmdRouterInterfaceGroups"));
        Map<String, Object> c = rows("mgmdRouterCacheTable").get(0);
        assertEquals("232.1.1.1", c.get("mgmdRouterCacheAddress"));
        assertEquals(1, c.get("mgmdRouterCacheSourceFilterMode"), "include(1)");
        assertEquals("10.0.101.100", c.get("mgmdRouterCacheLastReporter"));
        assertEquals(26_000L, c.get("mgmdRouterCacheExpiryTime"), "the source timer, 260 s, in TimeTicks");
        Map<String, Object> s = rows("mgmdRouterSrcListTable").get(0);
        assertEquals("10.1.1.1", s.get("mgmdRouterSrcListHostAddress"));
        assertEquals(101, s.get("mgmdRouterSrcListIfIndex"));
        assertEquals(26_000L, s.get("mgmdRouterSrcListExpire"));
        assertTrue(((Number) mib.table("mgmdRouterCacheTable").get("sysUpTime")).longValue() >= 0);
    }

    @Test
    void anUnknownTableIsRefused() {
        CommandException e = assertThrows(CommandException.class, () -> mib.table("ifTable"));
        assertEquals(ExitCode.UNKNOWN_COMMAND, e.code());
        assertEquals(404, e.code().httpStatus());
    }

    @Test
    void theGuardServesThisMachineOnlyUnlessConfigured() {
        ClientGuard loopback = ClientGuard.from(Map.of());
        assertTrue(loopback.allows("127.0.0.1"));
        assertTrue(loopback.allows("127.3.2.1"));
        assertTrue(loopback.allows("0:0:0:0:0:0:0:1"));
        assertTrue(loopback.allows("[::1]"));
        assertFalse(loopback.allows("192.0.2.7"));
        assertFalse(loopback.allows("not an address"));
        ClientGuard lan = ClientGuard.parse("127.0.0.1/32, 192.0.2.0/24, nonsense");
        assertTrue(lan.allows("192.0.2.7"));
        assertFalse(lan.allows("127.0.0.2"));
    }
}
