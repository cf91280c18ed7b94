package org.openmgm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real path, end to end: OpenMGM on the Linux kernel plane in a router namespace, real Linux
 * hosts whose kernels send the IGMP reports, a sender streaming with TTL 8.
 * <pre>
 *   snd eth0 10.0.1.2 (and .3) --- up 10.0.1.1 [rtr] d1 10.0.2.1 --- eth0 10.0.2.2 rcv1 (IGMPv3)
 *                                              [rtr] d2 10.0.3.1 --- eth0 10.0.3.2 rcv2 (IGMPv2)
 * </pre>
 * The recording protocol owns up, d1 and d2 and logs every callback; IGMP runs on d1 and d2 with
 * a last member query time of 1 s (2 queries 0.5 s apart, RFC 3376 §8.6, §8.8).
 */
class KernelPathIT {

    static final String GROUP = "239.1.2.3";
    static final Duration LAST_MEMBER_QUERY_TIME = Duration.ofSeconds(1);

    TestNet net;
    OpenMgm router;

    @BeforeEach
    void network() {
        Requirements.rootWithNamespaces();
        net = TestNet.create("kp");
        net.host("snd");
        net.host("rtr");
        net.host("rcv1");
        net.host("rcv2");
        net.link("snd", "eth0", "10.0.1.2/24", "rtr", "up", "10.0.1.1/24");
        net.link("rtr", "d1", "10.0.2.1/24", "rcv1", "eth0", "10.0.2.2/24");
        net.link("rtr", "d2", "10.0.3.1/24", "rcv2", "eth0", "10.0.3.2/24");
        net.exec("snd", "ip", "addr", "add", "10.0.1.3/24", "dev", "eth0");
        net.exec("snd", "ip", "route", "add", "default", "via", "10.0.1.1");
        net.exec("rcv2", "sysctl", "-q", "-w", "net.ipv4.conf.eth0.force_igmp_version=2");
    }

    @AfterEach
    void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    private OpenMgm startRouter() {
        router = KernelRouter.configure(net, "rtr", "router", List.of("d1", "d2"), List.of("up", "d1", "d2")).start();
        KernelRouter.awaitAttached(router);
        return router;
    }

    @Test
    void v3AndV2ReceiversGetTheStreamAndOneLeavingStopsOnlyItsOwnWithoutLossForTheOther() {
        startRouter();
        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        Receiver rcv2 = new Receiver(net, "rcv2", "eth0", 5000);
        rcv1.join(GROUP);
        rcv2.join(GROUP);
        int d1 = net.ifIndex("rtr", "d1");
        router.await("LocalJoin\\[key=\\(\\*, " + GROUP.replace(".", "\\.") + "\\), ifId=if" + d1 + "]",
                Duration.ofSeconds(10));

        Sender sender = new Sender(net, "snd", "10.0.1.2", GROUP, 5000, 200);
        rcv1.awaitCount(GROUP, "10.0.1.2", 100, Duration.ofSeconds(10));
        rcv2.awaitCount(GROUP, "10.0.1.2", 100, Duration.ofSeconds(10));
        String mroute = net.exec("rtr", "ip", "mroute", "show");
        assertTrue(mroute.matches("(?s).*\\(10\\.0\\.1\\.2,239\\.1\\.2\\.3\\)\\s+Iif: up\\s+Oifs: d1 d2.*"), mroute);

        long leftAt = System.nanoTime();
        rcv1.leave(GROUP);
        router.await("recording protocol " + KernelRouter.PROTOCOL_ID + "/0: LocalLeave\\[key=\\(\\*, "
                + GROUP.replace(".", "\\.") + "\\), ifId=if" + d1 + "]", Duration.ofSeconds(10));
        Polling.await("the kernel entry drops d1", Duration.ofSeconds(5),
                () -> net.exec("rtr", "ip", "mroute", "show").matches("(?s).*Iif: up\\s+Oifs: d2\\s.*"));
        Duration entryUpdated = Duration.ofNanos(System.nanoTime() - leftAt);
        // The leave takes the last member query time (RFC 3376 §6.6.3.1; §7.3.2 for IGMPv2); the
        // poll of ip mroute and the host's report delay add a little.
        assertTrue(entryUpdated.compareTo(LAST_MEMBER_QUERY_TIME.plusMillis(1500)) < 0,
                "d1 left the entry " + entryUpdated.toMillis() + " ms after the leave");

        long stoppedAt = rcv1.count(GROUP, "10.0.1.2");
        long otherBefore = rcv2.count(GROUP, "10.0.1.2");
        rcv2.awaitCount(GROUP, "10.0.1.2", otherBefore + 200, Duration.ofSeconds(10));   // one more second of stream
        assertEquals(stoppedAt, rcv1.count(GROUP, "10.0.1.2"), "nothing reaches the receiver that left");
        sender.stop();
        assertEquals(0, rcv2.lost(GROUP, "10.0.1.2"), "the receiver that stayed lost nothing");
        assertEquals(0, rcv1.lost(GROUP, "10.0.1.2"), "nor did the other while it was a member");
    }

    @Test
    void aSourceSpecificJoinReceivesOnlyTheChosenSource() {
        startRouter();
        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5001);
        String ssm = "232.1.1.1";
        rcv1.join(ssm, "10.0.1.2");                            // IGMPv3 INCLUDE {10.0.1.2}
        Sender chosen = new Sender(net, "snd", "10.0.1.2", ssm, 5001, 200);
        Sender other = new Sender(net, "snd", "10.0.1.3", ssm, 5001, 200);
        rcv1.awaitCount(ssm, "10.0.1.2", 200, Duration.ofSeconds(10));
        Polling.await("the other source's entry exists, without d1", Duration.ofSeconds(5),
                () -> net.exec("rtr", "ip", "mroute", "show").contains("(10.0.1.3,232.1.1.1)"));
        long more = rcv1.count(ssm, "10.0.1.2") + 100;
        rcv1.awaitCount(ssm, "10.0.1.2", more, Duration.ofSeconds(5));
        chosen.stop();
        other.stop();
        assertEquals(0, rcv1.count(ssm, "10.0.1.3"), "nothing from the source not asked for");
        String mroute = net.exec("rtr", "ip", "mroute", "show");
        assertFalse(mroute.matches("(?s).*\\(10\\.0\\.1\\.3,232\\.1\\.1\\.1\\)\\s+Iif: up\\s+Oifs:.*"), mroute);
    }

    @Test
    void stoppingTheRouterLeavesTheKernelTablesEmpty() {
        startRouter();
        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        rcv1.join(GROUP);
        Sender sender = new Sender(net, "snd", "10.0.1.2", GROUP, 5000, 100);
        rcv1.awaitCount(GROUP, "10.0.1.2", 50, Duration.ofSeconds(10));
        assertFalse(kernelTable("ip_mr_vif").isEmpty());
        assertFalse(kernelTable("ip_mr_cache").isEmpty());

        assertEquals(0, router.stop(), "a clean exit on SIGTERM");
        sender.stop();
        assertEquals(List.of(), kernelTable("ip_mr_vif"), "no VIF left");
        assertEquals(List.of(), kernelTable("ip_mr_cache"), "no entry left");
    }

    @Test
    void uninstallingTheLinuxBundleLeavesTheKernelTablesEmptyAndTheRouterRunning() {
        router = KernelRouter.configure(net, "rtr", "router", List.of("d1", "d2"), List.of("up", "d1", "d2"))
                .withConsole().start();
        KernelRouter.awaitAttached(router);
        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        rcv1.join(GROUP);
        Sender sender = new Sender(net, "snd", "10.0.1.2", GROUP, 5000, 100);
        rcv1.awaitCount(GROUP, "10.0.1.2", 50, Duration.ofSeconds(10));

        router.command("uninstall org.openmgm.forwarding-linux");
        router.await("LinuxPlaneComponent - Stopped", Duration.ofSeconds(10));
        Polling.await("the kernel tables are empty", Duration.ofSeconds(5),
                () -> kernelTable("ip_mr_vif").isEmpty() && kernelTable("ip_mr_cache").isEmpty());
        sender.stop();
        assertTrue(router.process().isAlive(), "the router runs on, waiting for a plane");
    }

    @Test
    void aSecondRouterOnTheSameTableSaysAnotherRouterOwnsIt() {
        startRouter();
        OpenMgm second = KernelRouter.configure(net, "rtr", "second", List.of(), List.of()).launch();
        second.await("Another multicast router .* owns the default multicast routing table \\(253\\): "
                + ".*EADDRINUSE.*set 'table = M'", Duration.ofSeconds(60));
        assertTrue(router.process().isAlive());
        assertFalse(kernelTable("ip_mr_vif").isEmpty(), "the first router keeps its table");
    }

    /** The lines of /proc/net/ip_mr_vif or ip_mr_cache in the router's namespace, header dropped. */
    private List<String> kernelTable(String name) {
        List<String> lines = net.exec("rtr", "cat", "/proc/net/" + name).lines().toList();
        return lines.subList(Math.min(1, lines.size()), lines.size());
    }
}
