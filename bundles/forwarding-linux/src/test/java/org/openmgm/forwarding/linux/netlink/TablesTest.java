package org.openmgm.forwarding.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.ReversePath;

/** The interface and route tables fed with the captured dumps and events, and with made-up ones. */
class TablesTest {

    @Test
    void theRouteTableAnswersLongestMatchFromItsOwnTable() throws Exception {
        RouteTable t = new RouteTable(254);
        t.replace(RtnlCodecTest.parse("routes"));
        assertEquals(4, t.size(), "main only: connected, 10.5/16, blackhole 10.6/16, multipath 10.7/16");
        assertEquals(Optional.of(path(2, "0.0.0.0", 2, "10.0.1.0/24")), t.lookup(ip("10.0.1.77")));
        assertEquals(Optional.of(path(2, "10.0.1.2", 4, "10.5.0.0/16")), t.lookup(ip("10.5.3.3")));
        assertEquals(Optional.empty(), t.lookup(ip("10.6.3.3")), "blackhole");
        assertEquals(Optional.of(path(2, "10.0.1.2", 3, "10.7.0.0/16")), t.lookup(ip("10.7.0.1")), "first hop");
        assertEquals(Optional.empty(), t.lookup(ip("192.0.2.1")), "no default route");

        for (RtnlMessage m : RtnlCodecTest.events().get("ip_route_add_10.8.0.0/16_via_10.0.1.2_table_100")) {
            assertNull(t.apply((RtnlMessage.Route) m), "table 100 is not ours");
        }
        RtnlMessage.Route del = (RtnlMessage.Route) RtnlCodecTest.events().get("ip_route_del_10.5.0.0/16").get(0);
        assertEquals(Prefix.parse("10.5.0.0/16"), t.apply(del));
        assertEquals(Optional.empty(), t.lookup(ip("10.5.3.3")));
        assertNull(t.apply(del), "deleting again changes nothing");
    }

    @Test
    void theLowestMetricWinsDeadHopsFallThroughAndTosRoutesAreIgnored() {
        RouteTable t = new RouteTable(254);
        t.apply(route(false, 0x0a000000, 8, 5, 0x0b000001, 100, false, 0));
        t.apply(route(false, 0x0a000000, 8, 6, 0x0b000002, 10, false, 0));
        t.apply(route(false, 0x0a010000, 16, 7, 0x0b000003, 0, true, 0));          // dead
        t.apply(route(false, 0x0a020000, 16, 8, 0x0b000004, 0, false, 0x10));      // TOS
        assertEquals(InterfaceId.of(6), t.lookup(ip("10.1.2.3")).orElseThrow().incoming(), "dead /16 falls to /8 metric 10");
        assertEquals(InterfaceId.of(6), t.lookup(ip("10.2.2.3")).orElseThrow().incoming(), "TOS route ignored");
        assertEquals(Prefix.parse("10.0.0.0/8"), t.apply(route(true, 0x0a000000, 8, 6, 0x0b000002, 10, false, 0)));
        assertEquals(InterfaceId.of(5), t.lookup(ip("10.1.2.3")).orElseThrow().incoming());
        assertNull(t.apply(route(false, 0x0a000000, 8, 5, 0x0b000001, 100, false, 0)), "the same route again");
        t.apply(route(false, 0, 0, 9, 0x0b000009, 0, false, 0));
        assertEquals(InterfaceId.of(9), t.lookup(ip("192.0.2.1")).orElseThrow().incoming(), "default route");
    }

    @Test
    void aResyncReportsExactlyWhatDiffers() {
        RouteTable t = new RouteTable(254);
        t.apply(route(false, 0x0a000000, 8, 5, 0, 0, false, 0));
        t.apply(route(false, 0x0b000000, 8, 5, 0, 0, false, 0));
        Set<Prefix> changed = t.replace(List.of(route(false, 0x0a000000, 8, 5, 0, 0, false, 0),
                route(false, 0x0c000000, 8, 6, 0, 0, false, 0)));
        assertEquals(Set.of(Prefix.parse("11.0.0.0/8"), Prefix.parse("12.0.0.0/8")), changed);
        List<Prefix> told = new ArrayList<>();
        t.addListener(told::add);
        t.announce(changed);
        assertEquals(2, told.size());
        Set<Prefix> many = new java.util.TreeSet<>();
        for (int i = 0; i < 100; i++) {
            many.add(Prefix.parse("10." + i + ".0.0/16"));
        }
        told.clear();
        t.announce(many);
        assertEquals(List.of(Prefix.ANY_V4), told, "many changes: one announcement for everything");
    }

    @Test
    void theLinkTableFollowsDumpsAndEventsAndAnnouncesOnlyVisibleChanges() throws Exception {
        LinkTable t = new LinkTable();
        List<String> told = new ArrayList<>();
        t.addListener(new InterfaceListener() {
            @Override
            public void interfaceChanged(NetworkInterfaceInfo i) {
                told.add("changed " + i.name() + " " + i.up() + " " + i.addresses().size());
            }

            @Override
            public void interfaceRemoved(NetworkInterfaceInfo i) {
                told.add("removed " + i.name());
            }
        });
        List<RtnlMessage> dump = new ArrayList<>(RtnlCodecTest.parse("links"));
        dump.addAll(RtnlCodecTest.parse("addrs"));
        t.announce(t.replace(dump));
        assertEquals(List.of("changed lo true 1", "changed eth1 true 2"), told);
        NetworkInterfaceInfo eth1 = t.byName("eth1").orElseThrow();
        assertEquals(List.of(new NetworkInterfaceInfo.Address(ip("10.0.1.1"), 24),
                new NetworkInterfaceInfo.Address(ip("10.0.1.9"), 24)), eth1.addresses(), "primary first");
        assertEquals(0x0a000101, t.primaryAddress(2));
        assertTrue(t.isOwnAddress(2, 0x0a000109));
        assertEquals("eth1 (if2)", t.describe(2));
        assertEquals("if99", t.describe(99));

        told.clear();
        for (List<RtnlMessage> event : RtnlCodecTest.events().values()) {
            for (RtnlMessage m : event) {
                t.announce(t.apply(m));
            }
        }
        assertEquals(List.of("changed eth1 true 3", "changed eth1 false 3"), told, "routes are not the table's business");
        told.clear();
        t.announce(t.replace(dump));
        assertEquals(List.of("changed eth1 true 2"), told, "a resync announces the difference only");
        told.clear();
        t.announce(t.apply(new RtnlMessage.Link(0, true, 2, "eth1", 0)));
        assertEquals(List.of("removed eth1"), told);
        assertEquals(List.of("lo"), t.interfaces().stream().map(NetworkInterfaceInfo::name).toList());
        assertEquals(0, t.primaryAddress(2));
    }

    static RtnlMessage.Route route(boolean deleted, int dst, int len, int oif, int gw, int metric, boolean dead, int tos) {
        return new RtnlMessage.Route(0, deleted, 254, dst, len, tos, 4, 1, oif, gw, metric, dead);
    }

    static ReversePath path(int ifIndex, String neighbour, int protocol, String prefix) {
        return new ReversePath(InterfaceId.of(ifIndex), ip(neighbour), new RouteInfo(protocol, Prefix.parse(prefix)));
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
