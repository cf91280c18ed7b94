package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.ReversePath;

/**
 * Interfaces and routes from rtnetlink, in a router namespace R (r1 10.0.4.1/24) with a neighbour
 * H (h0 10.0.4.2/24): discovery, links going down and up, addresses coming and going, interfaces
 * appearing and vanishing, RPF answers from the kernel's table and route change announcements.
 */
class InterfacesAndRoutesIT {

    static TestNetwork net;
    static String r;
    static String h;
    static Netns router;
    static int r1;

    LinuxPlane plane;
    final BlockingQueue<String> interfaceEvents = new LinkedBlockingQueue<>();
    final BlockingQueue<Prefix> routeEvents = new LinkedBlockingQueue<>();

    @BeforeAll
    static void network() throws Exception {
        String why = TestNetwork.whyNot();
        assumeTrue(why == null, why);
        net = new TestNetwork();
        r = net.namespace("r");
        h = net.namespace("h");
        net.veth(r, "r1", "10.0.4.1/24", h, "h0", "10.0.4.2/24");
        router = net.thread(r);
        r1 = KernelForwardingIT.ifIndex(r, "r1");
    }

    @AfterAll
    static void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    @BeforeEach
    void startPlane() throws Exception {
        start(LinuxPlaneSettings.DEFAULTS);
    }

    void start(LinuxPlaneSettings settings) throws Exception {
        plane = router.call(() -> LinuxPlane.start(settings));
        plane.addInterfaceListener(new InterfaceListener() {
            @Override
            public void interfaceChanged(NetworkInterfaceInfo i) {
                interfaceEvents.add("changed " + describe(i));
            }

            @Override
            public void interfaceRemoved(NetworkInterfaceInfo i) {
                interfaceEvents.add("removed " + i.name());
            }
        });
        plane.addRouteListener(routeEvents::add);
    }

    @AfterEach
    void stopPlane() throws Exception {
        LinuxPlane p = plane;
        router.call(() -> {
            p.shutdown();
            return null;
        });
    }

    @Test
    void interfacesAreDiscoveredWithStateAndAddresses() {
        NetworkInterfaceInfo i = plane.byName("r1").orElseThrow();
        assertEquals(InterfaceId.of(r1), i.id());
        assertEquals("r1 up multicast [10.0.4.1/24]", describe(i));
        assertEquals(Optional.of(i), plane.byId(InterfaceId.of(r1)));
        assertEquals(List.of("lo", "r1"), plane.interfaces().stream().map(NetworkInterfaceInfo::name).toList());
        assertEquals("lo up [127.0.0.1/8]", describe(plane.byName("lo").orElseThrow()), "lo cannot carry multicast");
    }

    @Test
    void aLinkGoingDownAndUpAndAddressChangesAreAnnounced() throws Exception {
        net.exec(r, "ip", "link", "set", "r1", "down");
        assertEquals("changed r1 multicast [10.0.4.1/24]", await(e -> e.startsWith("changed r1")), "down");
        // The kernel drops the connected route without a word; the plane finds out by reloading the table.
        assertEquals(Prefix.parse("10.0.4.0/24"), routeEvents.poll(3, TimeUnit.SECONDS));

        net.exec(r, "ip", "link", "set", "r1", "up");
        assertEquals("changed r1 up multicast [10.0.4.1/24]", await(e -> e.endsWith("up multicast [10.0.4.1/24]")));

        net.exec(r, "ip", "addr", "add", "10.0.6.1/24", "dev", "r1");
        net.exec(r, "ip", "addr", "add", "10.0.4.9/24", "dev", "r1");          // a secondary of 10.0.4.0/24
        assertEquals("changed r1 up multicast [10.0.4.1/24, 10.0.6.1/24, 10.0.4.9/24]",
                await(e -> e.contains("10.0.4.9")));
        net.exec(r, "ip", "addr", "del", "10.0.6.1/24", "dev", "r1");
        net.exec(r, "ip", "addr", "del", "10.0.4.9/24", "dev", "r1");
        assertEquals("changed r1 up multicast [10.0.4.1/24]", await(e -> e.endsWith("multicast [10.0.4.1/24]")));
    }

    @Test
    void interfacesAppearAndVanish() throws Exception {
        net.exec(r, "ip", "link", "add", "x1", "type", "veth", "peer", "name", "x2");
        assertNotNull(await(e -> e.startsWith("changed x1 multicast []")));
        assertTrue(plane.byName("x2").isPresent());
        net.exec(r, "ip", "link", "del", "x1");
        assertEquals("removed x1", await(e -> e.equals("removed x1")));
        assertEquals("removed x2", await(e -> e.equals("removed x2")));
        assertTrue(plane.byName("x1").isEmpty());
    }

    @Test
    void rpfAnswersFromTheKernelTableAndRouteChangesAreAnnounced() throws Exception {
        assertEquals(Optional.of(new ReversePath(InterfaceId.of(r1), ip("0.0.0.0"),
                new RouteInfo(2, Prefix.parse("10.0.4.0/24")))), plane.lookup(ip("10.0.4.2")), "connected: kernel route");
        assertEquals(Optional.empty(), plane.lookup(ip("10.77.1.1")), "no default route here");

        net.exec(r, "ip", "route", "add", "10.77.0.0/16", "via", "10.0.4.2", "proto", "static");
        assertEquals(Prefix.parse("10.77.0.0/16"), awaitRoute());
        assertEquals(Optional.of(new ReversePath(InterfaceId.of(r1), ip("10.0.4.2"),
                new RouteInfo(4, Prefix.parse("10.77.0.0/16")))), plane.lookup(ip("10.77.1.1")));

        net.exec(r, "ip", "route", "add", "blackhole", "10.77.5.0/24");
        assertEquals(Prefix.parse("10.77.5.0/24"), awaitRoute());
        assertEquals(Optional.empty(), plane.lookup(ip("10.77.5.5")), "the longest match says: no route");
        assertTrue(plane.lookup(ip("10.77.6.5")).isPresent());

        net.exec(r, "ip", "route", "add", "10.77.0.0/16", "via", "10.0.4.3", "metric", "50");
        assertEquals(Prefix.parse("10.77.0.0/16"), awaitRoute());
        assertEquals(ip("10.0.4.2"), plane.lookup(ip("10.77.1.1")).orElseThrow().upstreamNeighbor(), "metric 0 wins");
        net.exec(r, "ip", "route", "del", "10.77.0.0/16", "via", "10.0.4.2");
        assertEquals(Prefix.parse("10.77.0.0/16"), awaitRoute());
        assertEquals(ip("10.0.4.3"), plane.lookup(ip("10.77.1.1")).orElseThrow().upstreamNeighbor());

        net.exec(r, "ip", "route", "add", "10.88.0.0/16", "via", "10.0.4.2", "dev", "r1", "onlink", "table", "100");
        assertEquals(Optional.empty(), plane.lookup(ip("10.88.1.1")), "another table is not the main one");
        net.exec(r, "ip", "route", "del", "10.88.0.0/16", "table", "100");
        net.exec(r, "ip", "route", "flush", "10.77.0.0/16");
        net.exec(r, "ip", "route", "del", "blackhole", "10.77.5.0/24");
    }

    @Test
    void rpfUsesTheConfiguredUnicastTable() throws Exception {
        stopPlane();
        start(new LinuxPlaneSettings(-1, 100, LinuxPlaneSettings.Fallback.NONE, true, 1));
        net.exec(r, "ip", "route", "add", "10.99.0.0/16", "via", "10.0.4.2", "dev", "r1", "onlink", "table", "100");
        assertEquals(Prefix.parse("10.99.0.0/16"), awaitRoute());
        assertEquals(InterfaceId.of(r1), plane.lookup(ip("10.99.1.1")).orElseThrow().incoming());
        assertEquals(Optional.empty(), plane.lookup(ip("10.0.4.2")), "the connected route is in main, not in 100");
        net.exec(r, "ip", "route", "del", "10.99.0.0/16", "table", "100");
    }

    String await(Predicate<String> matching) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            String e = interfaceEvents.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && matching.test(e)) {
                return e;
            }
        }
        return null;
    }

    Prefix awaitRoute() throws InterruptedException {
        return routeEvents.poll(5, TimeUnit.SECONDS);
    }

    static String describe(NetworkInterfaceInfo i) {
        return i.name() + (i.up() ? " up" : "") + (i.multicast() ? " multicast" : "") + " " + i.addresses().stream()
                .map(a -> a.address().getHostAddress() + "/" + a.prefixLength()).toList();
    }

    static InetAddress ip(String s) {
        return KernelForwardingIT.ip(s);
    }
}
