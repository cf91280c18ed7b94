package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingUpcalls;

/**
 * The forwarding plane against the real kernel, in namespaces: a sender host A, the router R and a
 * receiver host B, joined by veth pairs (A a0 10.0.1.2 — r1 10.0.1.1 R r2 10.0.2.1 — b0 10.0.2.2 B).
 */
class KernelForwardingIT {

    static TestNetwork net;
    static String r;
    static String a;
    static String b;
    static Netns router;
    static int r1;
    static int r2;
    static final InetAddress S = ip("10.0.1.2");

    LinuxPlane plane;
    final BlockingQueue<String> upcalls = new LinkedBlockingQueue<>();

    @BeforeAll
    static void network() throws Exception {
        String why = TestNetwork.whyNot();
        assumeTrue(why == null, why);
        net = new TestNetwork();
        r = net.namespace("r");
        a = net.namespace("a");
        b = net.namespace("b");
        net.veth(r, "r1", "10.0.1.1/24", a, "a0", "10.0.1.2/24");
        net.veth(r, "r2", "10.0.2.1/24", b, "b0", "10.0.2.2/24");
        net.exec(a, "ip", "route", "add", "default", "via", "10.0.1.1");
        net.exec(b, "ip", "route", "add", "default", "via", "10.0.2.1");
        router = net.thread(r);
        r1 = ifIndex(r, "r1");
        r2 = ifIndex(r, "r2");
    }

    @AfterAll
    static void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    @AfterEach
    void stopPlane() throws Exception {
        net.stopProcesses();
        if (plane != null) {
            LinuxPlane p = plane;
            router.call(() -> {
                p.shutdown();
                return null;
            });
        }
    }

    LinuxPlane start(LinuxPlaneSettings settings) throws Exception {
        plane = router.call(() -> LinuxPlane.start(settings));
        plane.open(new ForwardingUpcalls() {
            @Override
            public void noCacheEntry(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
                upcalls.add("nocache " + arrival + " " + source.getHostAddress() + " " + group.getHostAddress()
                        + " header " + header.remaining());
            }

            @Override
            public void wrongInterface(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
                upcalls.add("wrongif " + arrival + " " + source.getHostAddress() + " " + group.getHostAddress());
            }
        });
        return plane;
    }

    @Test
    void openAndShutdownLeaveNoVifAndNoEntry() throws Exception {
        LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
        p.addInterface(InterfaceId.of(r1));
        p.addInterface(InterfaceId.of(r2));
        p.install(new ForwardingEntry(S, ip("239.1.0.1"), InterfaceId.of(r1), List.of(InterfaceId.of(r2))));
        String vifs = net.exec(r, "cat", "/proc/net/ip_mr_vif");
        assertTrue(vifs.contains("r1") && vifs.contains("r2"), vifs);
        String cache = net.exec(r, "cat", "/proc/net/ip_mr_cache");
        assertTrue(cache.contains("010001EF"), "239.1.0.1 is in the cache (in hex, host order): " + cache);

        stopPlane();
        plane = null;
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_vif").strip().lines().count(), "only the heading left");
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_cache").strip().lines().count(), "only the heading left");
    }

    @Test
    void aSecondRouterOnTheSameTableIsRefusedClearly() throws Exception {
        start(LinuxPlaneSettings.DEFAULTS);
        PlaneUnavailableException e = assertThrows(PlaneUnavailableException.class,
                () -> router.call(() -> LinuxPlane.start(LinuxPlaneSettings.DEFAULTS)));
        String m = e.getMessage();
        assertTrue(m.contains("Another multicast router (e.g. smcroute, igmpproxy, pimd"), m);
        assertTrue(m.contains("the default multicast routing table (253)"), m);
        assertTrue(m.contains("EADDRINUSE"), m);
        assertTrue(m.contains("'table = M' in etc/org.openmgm.forwarding.linux.cfg"), m);
        assertTrue(m.contains("ip mrule add iif <interface> lookup M"), m);
    }

    @Test
    void aNewFlowIsReportedInstalledForwardedCountedAndRemoved() throws Exception {
        LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
        p.addInterface(InterfaceId.of(r1));
        p.addInterface(InterfaceId.of(r2));
        InetAddress g = ip("239.1.1.1");
        Process receiver = net.python(b, "receiver.py", "239.1.1.1", "5001", "10.0.2.2");
        assertEquals("ready", TestNetwork.readLine(receiver, Duration.ofSeconds(10)));
        net.python(a, "sender.py", "239.1.1.1", "5001", "10.0.1.2", "400", "0.01", "8");

        String upcall = upcalls.poll(10, TimeUnit.SECONDS);
        assertEquals("nocache if" + r1 + " 10.0.1.2 239.1.1.1 header 20", upcall);
        p.install(new ForwardingEntry(S, g, InterfaceId.of(r1), List.of(InterfaceId.of(r2))));

        for (int i = 0; i < 20; i++) {
            String line = TestNetwork.readLine(receiver, Duration.ofSeconds(5));
            assertNotNull(line, "packet " + i + " reaches the receiver");
            assertTrue(line.startsWith("got 10.0.1.2 omt "), line);
        }
        MfeCounters c = p.counters(S, g).orElseThrow();
        assertTrue(c.inPackets() >= 20 && c.inOctets() >= 20 * 33, c.toString());
        assertEquals(0, c.packetsDifferentInterface());
        assertEquals(List.of(InterfaceId.of(r2)), List.copyOf(c.outgoing().keySet()));
        assertTrue(c.outgoing().get(InterfaceId.of(r2)).outPackets() >= 20, "forwarded out of r2: " + c);
        assertEquals(c.outgoing().get(InterfaceId.of(r2)).outPackets(), c.totalOutPackets());
        Map<InterfaceId, org.openmgm.forwarding.linux.mroute.KernelForwarding.VifCounters> vifs = p.vifCounters();
        assertTrue(vifs.get(InterfaceId.of(r2)).packetsOut() >= 20, vifs.toString());
        assertTrue(vifs.get(InterfaceId.of(r1)).packetsIn() >= 20, vifs.toString());

        upcalls.clear();
        p.remove(S, g);
        assertTrue(p.counters(S, g).isEmpty());
        Thread.sleep(100);                                   // what was in flight
        while (TestNetwork.readLine(receiver, Duration.ofMillis(50)) != null) {
            // drain
        }
        // Without the entry the next packet is reported again and nothing is forwarded.
        assertEquals(null, TestNetwork.readLine(receiver, Duration.ofMillis(500)), "nothing forwarded after remove");
        assertEquals("nocache if" + r1 + " 10.0.1.2 239.1.1.1 header 20", upcalls.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aPacketOnAnotherInterfaceThanTheEntrysIsReportedAsWrongInterface() throws Exception {
        LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
        p.addInterface(InterfaceId.of(r1));
        p.addInterface(InterfaceId.of(r2));
        InetAddress g = ip("239.1.2.1");
        p.install(new ForwardingEntry(S, g, InterfaceId.of(r2), List.of()));
        // The kernel reports at most one wrong interface per entry every 3 s, the first 2 s after creation.
        net.python(a, "sender.py", "239.1.2.1", "5002", "10.0.1.2", "40", "0.1", "8");
        assertEquals("wrongif if" + r1 + " 10.0.1.2 239.1.2.1", upcalls.poll(6, TimeUnit.SECONDS));
        assertTrue(p.counters(S, g).orElseThrow().packetsDifferentInterface() > 0);
    }

    @Test
    void anOutgoingInterfaceAddedLaterIsProgrammedIntoTheEntriesThatNameIt() throws Exception {
        LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
        p.addInterface(InterfaceId.of(r1));
        InetAddress g = ip("239.1.4.1");
        p.install(new ForwardingEntry(S, g, InterfaceId.of(r1), List.of(InterfaceId.of(r2))));   // r2 has no VIF yet
        Process receiver = net.python(b, "receiver.py", "239.1.4.1", "5004", "10.0.2.2");
        assertEquals("ready", TestNetwork.readLine(receiver, Duration.ofSeconds(10)));
        net.python(a, "sender.py", "239.1.4.1", "5004", "10.0.1.2", "300", "0.01", "8");
        assertEquals(null, TestNetwork.readLine(receiver, Duration.ofMillis(500)), "no VIF on r2: nothing goes out");

        p.addInterface(InterfaceId.of(r2));
        assertNotNull(TestNetwork.readLine(receiver, Duration.ofSeconds(3)), "the entry now forwards to r2");
        assertTrue(upcalls.isEmpty(), upcalls.toString());
    }

    @Test
    void anEntryWhoseIncomingInterfaceHasNoVifDropsAsWrongInterface() throws Exception {
        LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
        p.addInterface(InterfaceId.of(r1));
        p.addInterface(InterfaceId.of(r2));
        InetAddress g = ip("239.1.5.1");
        InterfaceId nobodys = InterfaceId.of(9999);         // spec [RES Q19]: an incoming interface nobody holds
        p.install(new ForwardingEntry(S, g, nobodys, List.of(InterfaceId.of(r2))));
        Process receiver = net.python(b, "receiver.py", "239.1.5.1", "5005", "10.0.2.2");
        assertEquals("ready", TestNetwork.readLine(receiver, Duration.ofSeconds(10)));
        net.python(a, "sender.py", "239.1.5.1", "5005", "10.0.1.2", "300", "0.01", "8");

        assertEquals("wrongif if" + r1 + " 10.0.1.2 239.1.5.1", upcalls.poll(5, TimeUnit.SECONDS));
        assertEquals(null, TestNetwork.readLine(receiver, Duration.ofMillis(300)), "dropped, not forwarded");
        assertTrue(p.counters(S, g).orElseThrow().packetsDifferentInterface() > 0);

        p.install(new ForwardingEntry(S, g, InterfaceId.of(r1), List.of(InterfaceId.of(r2))));
        assertNotNull(TestNetwork.readLine(receiver, Duration.ofSeconds(3)), "the corrected entry forwards");
    }

    @Test
    void aConfiguredTableIsUsedAndLeftEmpty() throws Exception {
        LinuxPlane p = start(new LinuxPlaneSettings(100, 254, LinuxPlaneSettings.Fallback.NONE, true, 1));
        p.addInterface(InterfaceId.of(r1));
        p.addInterface(InterfaceId.of(r2));
        p.install(new ForwardingEntry(S, ip("239.1.6.1"), InterfaceId.of(r1), List.of(InterfaceId.of(r2))));
        String table100 = net.exec(r, "ip", "mroute", "show", "table", "100");
        assertTrue(table100.contains("(10.0.1.2,239.1.6.1)") && table100.contains("Iif: r1") && table100.contains("r2"),
                table100);
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_vif").strip().lines().count(), "the default table is untouched");
        assertTrue(p.toString().contains("multicast routing table 100"), p.toString());

        stopPlane();
        plane = null;
        assertEquals("", net.exec(r, "ip", "mroute", "show", "table", "100").strip());
    }

    @Test
    void theThirtyThirdInterfaceIsRefusedByName() throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append("link add v").append(i).append(" type veth peer name v").append(i).append("p\n");
        }
        TestNetwork.run("sh", "-c", "printf '" + batch + "' | ip -n " + r + " -batch -");
        try {
            LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
            p.addInterface(InterfaceId.of(r1));
            p.addInterface(InterfaceId.of(r2));
            for (int i = 0; i < 15; i++) {
                p.addInterface(InterfaceId.of(ifIndex(r, "v" + i)));
                p.addInterface(InterfaceId.of(ifIndex(r, "v" + i + "p")));
            }
            assertEquals(32, p.forwarding().vifs().size());
            int last = ifIndex(r, "v15");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.addInterface(InterfaceId.of(last)));
            assertEquals("cannot forward multicast on v15 (if" + last + "): the kernel allows at most 32 multicast"
                    + " interfaces (VIFs) per table and all are in use in table 253; release an interface first",
                    e.getMessage());
            p.removeInterface(InterfaceId.of(ifIndex(r, "v0")));
            p.addInterface(InterfaceId.of(last));                 // a freed slot is used again
            assertEquals(32, p.forwarding().vifs().size());
        } finally {
            stopPlane();
            plane = null;
            for (int i = 0; i < 16; i++) {
                TestNetwork.run("ip", "-n", r, "link", "del", "v" + i);
            }
        }
    }

    @Test
    void staticLeftoversAreFlushedAtStartAndAtStop() throws Exception {
        assertEquals("added", net.exec(r, "/usr/bin/python3", script("static_mroute.py"), "" + r1, "" + r2).strip());
        assertEquals(3, net.exec(r, "cat", "/proc/net/ip_mr_vif").strip().lines().count(), "two static VIFs left over");
        assertEquals(2, net.exec(r, "cat", "/proc/net/ip_mr_cache").strip().lines().count(), "one static entry");

        LinuxPlane p = start(LinuxPlaneSettings.DEFAULTS);
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_vif").strip().lines().count(), "flushed at start");
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_cache").strip().lines().count(), "flushed at start");

        p.addInterface(InterfaceId.of(r1));
        assertEquals("added", net.exec(r, "/usr/bin/python3", script("static_mroute.py"), "" + r1, "" + r2).strip());
        stopPlane();
        plane = null;
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_vif").strip().lines().count(), "flushed at stop");
        assertEquals(1, net.exec(r, "cat", "/proc/net/ip_mr_cache").strip().lines().count(), "flushed at stop");
    }

    static String script(String name) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("omt-", ".py");
        try (var in = KernelForwardingIT.class.getResourceAsStream("/net/" + name)) {
            java.nio.file.Files.write(file, in.readAllBytes());
        }
        file.toFile().deleteOnExit();
        return file.toString();
    }

    static int ifIndex(String ns, String name) throws Exception {
        String out = TestNetwork.run("ip", "-n", ns, "-o", "link", "show", name);
        return Integer.parseInt(out.substring(0, out.indexOf(':')));
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
