package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.spi.IgmpGroup;

/**
 * The router as a host through the kernel (what an IGMP proxy does upstream): router R (r1
 * 10.0.4.1) and querier-side host Q (q0 10.0.4.2), which reads every IGMP datagram on the link.
 * The oracle is what Linux says it holds ({@code /proc/net/igmp}, {@code /proc/net/mcfilter} in
 * R's namespace) and the reports Q sees.
 */
class HostMembershipIT {

    static TestNetwork net;
    static String r;
    static String q;
    static Netns router;
    static InterfaceId r1;

    LinuxPlane plane;
    Process listener;

    @BeforeAll
    static void network() throws Exception {
        String why = TestNetwork.whyNot();
        assumeTrue(why == null, why);
        net = new TestNetwork();
        r = net.namespace("r");
        q = net.namespace("q");
        net.veth(r, "r1", "10.0.4.1/24", q, "q0", "10.0.4.2/24");
        router = net.thread(r);
        r1 = InterfaceId.of(KernelForwardingIT.ifIndex(r, "r1"));
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
        listener = net.python(q, "igmp_listen.py", "10.0.4.2");
        assertEquals("ready", TestNetwork.readLine(listener, Duration.ofSeconds(10)));
    }

    @AfterEach
    void stopPlane() throws Exception {
        LinuxPlane p = plane;
        router.call(() -> {
            p.shutdown();
            return null;
        });
        net.stopProcesses();
    }

    @Test
    void aFilterIsJoinedNarrowedWidenedAndLeftAsTheKernelsHostStackReportsIt() throws Exception {
        InetAddress g = ip("239.7.7.7");
        set(g, FilterMode.INCLUDE, ip("10.0.9.1"), ip("10.0.9.2"));
        assertEquals(new IgmpGroup(g, FilterMode.INCLUDE, Set.of(ip("10.0.9.1"), ip("10.0.9.2")), 3),
                plane.filters(r1).get(g));
        String mcfilter = net.exec(r, "cat", "/proc/net/mcfilter");
        assertTrue(mcfilter.matches("(?s).*r1\\s+0xef070707 0x0a000901\\s+1\\s+0.*"), mcfilter);
        assertTrue(mcfilter.matches("(?s).*r1\\s+0xef070707 0x0a000902\\s+1\\s+0.*"), mcfilter);
        awaitReport(rec -> rec.group().equals("ef070707") && rec.sources().contains("0a000902"),
                "a report allowing 10.0.9.2");

        set(g, FilterMode.EXCLUDE, ip("10.0.9.1"));
        mcfilter = net.exec(r, "cat", "/proc/net/mcfilter");
        assertTrue(mcfilter.matches("(?s).*r1\\s+0xef070707 0x0a000901\\s+0\\s+1.*"), "excluded: " + mcfilter);
        assertFalse(mcfilter.contains("0x0a000902"), mcfilter);
        awaitReport(rec -> rec.group().equals("ef070707") && rec.type() == 4, "a TO_EX record (RFC 3376 §5.1)");

        set(g, FilterMode.INCLUDE);
        assertTrue(plane.filters(r1).isEmpty());
        assertFalse(net.exec(r, "cat", "/proc/net/igmp").contains("070707EF"), "the kernel left the group");
        awaitReport(rec -> rec.group().equals("ef070707") && rec.type() == 3 && rec.sources().isEmpty(),
                "TO_IN {}: the leave");
    }

    @Test
    void moreGroupsThanOneSocketMayHoldAreAllJoined() throws Exception {
        int groups = Integer.parseInt(net.exec(r, "cat", "/proc/sys/net/ipv4/igmp_max_memberships").strip()) + 15;
        for (int i = 1; i <= groups; i++) {
            set(ip("239.8.0." + i), FilterMode.EXCLUDE);
        }
        assertEquals(groups, plane.filters(r1).size());
        String igmp = net.exec(r, "cat", "/proc/net/igmp");
        for (int i = 1; i <= groups; i++) {
            assertTrue(igmp.contains(String.format("%02X0008EF", i)), "239.8.0." + i + " joined: " + igmp);
        }
    }

    @Test
    void aSourceListLongerThanTheKernelAllowsWidensToTheWholeGroupAndSaysSo() throws Exception {
        int max = Integer.parseInt(net.exec(r, "cat", "/proc/sys/net/ipv4/igmp_max_msf").strip());
        InetAddress[] sources = new InetAddress[max + 1];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = ip("10.0.10." + (i + 1));
        }
        InetAddress g = ip("239.9.9.9");
        set(g, FilterMode.INCLUDE, sources);
        assertEquals(new IgmpGroup(g, FilterMode.EXCLUDE, Set.of(), 3), plane.filters(r1).get(g),
                "a superset: every source still arrives");
        assertTrue(net.exec(r, "cat", "/proc/net/igmp").contains("090909EF"));
    }

    @Test
    void badRequestsAreRefusedAndStoppingLeavesEveryGroup() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> plane.setFilter(InterfaceId.of(999), ip("239.1.1.1"),
                FilterMode.EXCLUDE, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> plane.setFilter(r1, ip("10.1.1.1"),
                FilterMode.EXCLUDE, Set.of()));
        set(ip("239.10.0.1"), FilterMode.EXCLUDE);
        assertTrue(net.exec(r, "cat", "/proc/net/igmp").contains("01000AEF"));
        LinuxPlane p = plane;
        router.call(() -> {
            p.shutdown();
            return null;
        });
        assertFalse(net.exec(r, "cat", "/proc/net/igmp").contains("01000AEF"), "left on stop");
        plane = router.call(() -> LinuxPlane.start(LinuxPlaneSettings.DEFAULTS));   // for stopPlane
    }

    private void set(InetAddress g, FilterMode mode, InetAddress... sources) throws Exception {
        router.call(() -> {
            plane.setFilter(r1, g, mode, Set.of(sources));
            return null;
        });
    }

    /** One group record of an IGMPv3 report, as hex strings. */
    record GroupRecord(int type, String group, Set<String> sources) {
    }

    /** Reads Q's listener until a report from R holds a matching record. */
    private void awaitReport(Predicate<GroupRecord> wanted, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            String line = TestNetwork.readLine(listener, Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (line == null || !line.startsWith("igmp ")) {
                continue;
            }
            byte[] ip = HexFormat.of().parseHex(line.substring(5));
            if (!(ip[12] == 10 && ip[13] == 0 && ip[14] == 4 && ip[15] == 1)) {
                continue;                                   // not from R
            }
            int at = (ip[0] & 0x0f) * 4;
            if ((ip[at] & 0xff) != 0x22) {
                continue;
            }
            int records = (ip[at + 6] & 0xff) << 8 | ip[at + 7] & 0xff;
            int p = at + 8;
            for (int i = 0; i < records; i++) {
                int n = (ip[p + 2] & 0xff) << 8 | ip[p + 3] & 0xff;
                String group = HexFormat.of().formatHex(ip, p + 4, p + 8);
                java.util.Set<String> sources = new java.util.HashSet<>();
                for (int k = 0; k < n; k++) {
                    sources.add(HexFormat.of().formatHex(ip, p + 8 + 4 * k, p + 12 + 4 * k));
                }
                if (wanted.test(new GroupRecord(ip[p] & 0xff, group, sources))) {
                    return;
                }
                p += 8 + 4 * n + 4 * (ip[p + 1] & 0xff);
            }
        }
        throw new AssertionError("Q never saw " + what);
    }

    private static InetAddress ip(String s) {
        return KernelForwardingIT.ip(s);
    }
}
