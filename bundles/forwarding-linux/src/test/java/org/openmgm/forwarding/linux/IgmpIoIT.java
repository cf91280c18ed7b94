package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;

/**
 * IGMP packet I/O against real Linux hosts in namespaces: router R (r1 10.0.3.1) and host H
 * (h0 10.0.3.2). A socket joining a group on H makes H's kernel send IGMPv3 reports to 224.0.0.22;
 * what R sends is read on H by a raw IGMP socket.
 */
class IgmpIoIT {

    static TestNetwork net;
    static String r;
    static String h;
    static Netns router;
    static int r1;

    LinuxPlane plane;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /** What the plane delivered, copied (the payload is valid during the call only). */
    record Received(InterfaceId ifId, String source, String destination, int ttl, boolean routerAlert, byte[] payload) {
    }

    @BeforeAll
    static void network() throws Exception {
        String why = TestNetwork.whyNot();
        assumeTrue(why == null, why);
        net = new TestNetwork();
        r = net.namespace("r");
        h = net.namespace("h");
        net.veth(r, "r1", "10.0.3.1/24", h, "h0", "10.0.3.2/24");
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
        plane = router.call(() -> LinuxPlane.start(LinuxPlaneSettings.DEFAULTS));
        plane.startReceiving(p -> {
            byte[] payload = new byte[p.payload().remaining()];
            p.payload().duplicate().get(payload);
            received.add(new Received(p.ifId(), p.source().getHostAddress(), p.destination().getHostAddress(), p.ttl(),
                    p.routerAlert(), payload));
        });
    }

    @AfterEach
    void stopPlane() throws Exception {
        net.stopProcesses();
        LinuxPlane p = plane;
        router.call(() -> {
            p.shutdown();
            return null;
        });
    }

    @Test
    void aHostsV3ReportArrivesWithInterfaceTtlAndRouterAlert() throws Exception {
        router.call(() -> {
            plane.enable(InterfaceId.of(r1));        // joins 224.0.0.22 and 224.0.0.2 on r1
            return null;
        });
        Process member = net.python(h, "receiver.py", "239.3.3.3", "5003", "10.0.3.2");
        assertEquals("ready", TestNetwork.readLine(member, Duration.ofSeconds(10)));

        // H may still report a group an earlier test joined and left: wait for the one joined here.
        Received report = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(5).toNanos(); report == null && System.nanoTime() < end; ) {
            Received r = next("10.0.3.2", Duration.ofMillis(500));
            if (r != null && HexFormat.of().formatHex(r.payload()).contains("ef030303")) {
                report = r;
            }
        }
        assertNotNull(report, "H's report for 239.3.3.3 reaches the router");
        assertEquals(InterfaceId.of(r1), report.ifId());
        assertEquals("224.0.0.22", report.destination());
        assertEquals(1, report.ttl());
        assertTrue(report.routerAlert(), "Linux sends IGMPv3 reports with Router Alert (RFC 3376 §4)");
        assertEquals(0x22, report.payload()[0] & 0xff, "a version 3 membership report");
    }

    @Test
    void anIgmpV2HostsReportAndLeaveArriveOnAVif() throws Exception {
        router.call(() -> {
            plane.addInterface(InterfaceId.of(r1));  // as when IGMP holds the interface in the MGM
            plane.enable(InterfaceId.of(r1));
            return null;
        });
        net.exec(h, "sysctl", "-q", "-w", "net.ipv4.conf.h0.force_igmp_version=2");
        try {
            Process member = net.python(h, "receiver.py", "239.3.3.5", "5005", "10.0.3.2");
            assertEquals("ready", TestNetwork.readLine(member, Duration.ofSeconds(10)));
            Received report = nextOfType(0x16, Duration.ofSeconds(5));
            assertNotNull(report, "a v2 report goes to the group itself: it reaches us because r1 is a VIF");
            assertEquals("239.3.3.5", report.destination());
            assertTrue(report.routerAlert());

            net.stopProcesses();                        // the member leaves
            Received leave = nextOfType(0x17, Duration.ofSeconds(5));
            assertNotNull(leave, "the leave goes to 224.0.0.2, joined on enable");
            assertEquals("224.0.0.2", leave.destination());
            assertEquals(1, leave.ttl());
        } finally {
            net.exec(h, "sysctl", "-q", "-w", "net.ipv4.conf.h0.force_igmp_version=0");
        }
    }

    Received nextOfType(int type, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Received p = next("10.0.3.2", Duration.ofNanos(left));
            if (p != null && (p.payload()[0] & 0xff) == type) {
                return p;
            }
        }
        return null;
    }

    @Test
    void nothingIsDeliveredFromAnInterfaceWhereIgmpIsNotEnabled() throws Exception {
        Process member = net.python(h, "receiver.py", "239.3.3.4", "5004", "10.0.3.2");
        assertEquals("ready", TestNetwork.readLine(member, Duration.ofSeconds(10)));
        assertNull(next("10.0.3.2", Duration.ofMillis(1000)), "not enabled: not even joined to 224.0.0.22");
    }

    @Test
    void aQueryGoesOutWithTtlOneRouterAlertAndTheInterfaceAddressAndIsNotLoopedBack() throws Exception {
        router.call(() -> {
            plane.enable(InterfaceId.of(r1));
            return null;
        });
        Process listener = net.python(h, "igmp_listen.py");
        assertEquals("ready", TestNetwork.readLine(listener, Duration.ofSeconds(10)));
        byte[] query = generalQuery();
        plane.send(InterfaceId.of(r1), InetAddress.getByName("224.0.0.1"), query);

        String line = TestNetwork.readLine(listener, Duration.ofSeconds(5));
        assertNotNull(line, "the query reaches H");
        byte[] ip = HexFormat.of().parseHex(line.substring("igmp ".length()));
        assertEquals(0x46, ip[0] & 0xff, "IPv4 with a 24-byte header: one 4-byte option");
        assertEquals(1, ip[8] & 0xff, "TTL 1");
        assertEquals(2, ip[9] & 0xff, "IGMP");
        assertArrayEquals(new byte[] {(byte) 0x94, 4, 0, 0}, java.util.Arrays.copyOfRange(ip, 20, 24), "Router Alert");
        assertArrayEquals(new byte[] {10, 0, 3, 1}, java.util.Arrays.copyOfRange(ip, 12, 16), "from r1's address");
        assertArrayEquals(new byte[] {(byte) 224, 0, 0, 1}, java.util.Arrays.copyOfRange(ip, 16, 20));
        assertArrayEquals(query, java.util.Arrays.copyOfRange(ip, 24, ip.length));

        // H answers the query with reports; neither our own query nor this host's own reports (for
        // 224.0.0.22 and 224.0.0.2, joined on enable) come back to us.
        assertNotNull(next("10.0.3.2", Duration.ofSeconds(11)), "H answers within the max response time");
        assertNull(next("10.0.3.1", Duration.ofMillis(300)), "nothing from our own address");
    }

    /** Waits for the next packet from a source, skipping others. */
    Received next(String source, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Received p = received.poll(left, TimeUnit.NANOSECONDS);
            if (p != null && p.source().equals(source)) {
                return p;
            }
        }
        return null;
    }

    /** An IGMPv3 general query (RFC 3376 §4.1): max response 10 s, QRV 2, QQIC 125. */
    static byte[] generalQuery() {
        byte[] q = {0x11, 100, 0, 0, 0, 0, 0, 0, 2, 125, 0, 0};
        int sum = 0;
        for (int i = 0; i < q.length; i += 2) {
            sum += (q[i] & 0xff) << 8 | (q[i + 1] & 0xff);
        }
        sum = (sum >>> 16) + (sum & 0xffff);
        sum = ~(sum + (sum >>> 16)) & 0xffff;
        q[2] = (byte) (sum >>> 8);
        q[3] = (byte) sum;
        return q;
    }
}
