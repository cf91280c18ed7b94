package org.openmgm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Static multicast routes on the kernel plane, no IGMP anywhere in the router:
 * <pre>
 *   snd eth0 10.0.1.2 (and .3) --- up 10.0.1.1 [rtr] d1 10.0.2.1 --- eth0 10.0.2.2 rcv1
 *                                              [rtr] d2 10.0.3.1 --- eth0 10.0.3.2 rcv2
 * </pre>
 * The receivers' sockets join (so that their kernels deliver the datagrams), but nothing in the
 * router listens to IGMP: only the static routes move the traffic.
 */
class StaticRoutesIT {

    TestNet net;

    @BeforeEach
    void network() {
        Requirements.rootWithNamespaces();
        net = TestNet.create("st");
        net.host("snd");
        net.host("rtr");
        net.host("rcv1");
        net.host("rcv2");
        net.link("snd", "eth0", "10.0.1.2/24", "rtr", "up", "10.0.1.1/24");
        net.link("rtr", "d1", "10.0.2.1/24", "rcv1", "eth0", "10.0.2.2/24");
        net.link("rtr", "d2", "10.0.3.1/24", "rcv2", "eth0", "10.0.3.2/24");
        net.exec("snd", "ip", "addr", "add", "10.0.1.3/24", "dev", "eth0");
    }

    @AfterEach
    void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void trafficFlowsAndAddingAReceiverToTheRouteLosesNothingOnTheExistingOne() {
        OpenMgm router = KernelRouter.plain(net, "rtr", "router", List.of());
        KernelRouter.staticRoutes(router);
        KernelRouter.route(router, "video", "up", "10.0.1.2", "239.1.1.1", "d1");
        router.deploy(KernelRouter.STATIC_JAR, "static.jar");
        router.start();
        Polling.await("the (S,G) route is in the kernel before any packet", Duration.ofSeconds(10),
                () -> mroute().contains("(10.0.1.2,239.1.1.1)"));

        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        Receiver rcv2 = new Receiver(net, "rcv2", "eth0", 5000);
        rcv1.join("239.1.1.1");
        rcv2.join("239.1.1.1");
        Sender sender = new Sender(net, "snd", "10.0.1.2", "239.1.1.1", 5000, 500);
        rcv1.awaitCount("239.1.1.1", "10.0.1.2", 250, Duration.ofSeconds(10));
        assertEquals(0, rcv2.count("239.1.1.1", "10.0.1.2"), "d2 is not on the route yet");

        KernelRouter.route(router, "video", "up", "10.0.1.2", "239.1.1.1", "d1, d2");
        rcv2.awaitCount("239.1.1.1", "10.0.1.2", 250, Duration.ofSeconds(10));
        long more = rcv1.count("239.1.1.1", "10.0.1.2") + 250;
        rcv1.awaitCount("239.1.1.1", "10.0.1.2", more, Duration.ofSeconds(5));
        sender.stop();
        assertEquals(0, rcv1.lost("239.1.1.1", "10.0.1.2"), "not one datagram lost on the existing receiver");
        assertTrue(mroute().matches("(?s).*\\(10\\.0\\.1\\.2,239\\.1\\.1\\.1\\)\\s+Iif: up\\s+Oifs: d1 d2\\s.*"),
                mroute());
    }

    @Test
    void anSmcrouteFileGivesTheSameKernelRoutesAsSmcrouteItself() throws Exception {
        Requirements.programs("smcrouted");
        String conf = """
                # a file written for smcroute
                phyint up enable
                phyint d1 enable
                phyint d2 enable
                mroute from up source 10.0.1.2 group 239.1.1.1 to d1
                mroute from up source 10.0.1.3 group 239.1.1.2 to d1 d2
                mroute from up source 10.0.1.2 group 239.1.1.3 to d2
                mroute from up group 239.2.2.2 to d1 d2
                """;
        var file = net.scratch().resolve("smcroute.conf");
        Files.writeString(file, conf);
        Proc smcroute = net.start("rtr", "smcrouted", null, "smcrouted", "-n", "-f", file.toString(), "-i",
                "omg-" + net.ns("rtr"), "-u", net.scratch().resolve("smcroute.sock").toString());
        String bySmcroute = kernelRoutesAfterTraffic();
        smcroute.terminate(Duration.ofSeconds(10));
        Polling.await("smcroute left the table", Duration.ofSeconds(10),
                () -> net.exec("rtr", "cat", "/proc/net/ip_mr_vif").lines().count() <= 1);

        OpenMgm router = KernelRouter.plain(net, "rtr", "router", List.of());
        router.etc("smcroute.conf", conf);
        router.etc("org.openmgm.protocol.static.cfg", "file = smcroute.conf\ninterfaces.target = (mgm.plane=linux)\n");
        router.deploy(KernelRouter.STATIC_JAR, "static.jar");
        router.start();
        router.await("static routes: read 4 routes", Duration.ofSeconds(10));
        String byOpenMgm = kernelRoutesAfterTraffic();

        assertEquals(bySmcroute, byOpenMgm, "ip mroute after smcroute, then after OpenMGM");
        assertTrue(byOpenMgm.contains("(10.0.1.2,239.2.2.2) Iif: up Oifs: d1 d2"), byOpenMgm);
    }

    /**
     * Sends a burst for the (*,G) route (whose (S,G) entries appear on traffic), then returns
     * {@code ip mroute} without counters, sorted.
     */
    private String kernelRoutesAfterTraffic() {
        Polling.await("the (S,G) routes are in the kernel", Duration.ofSeconds(10),
                () -> mroute().contains("(10.0.1.2,239.1.1.3)"));
        Sender burst = new Sender(net, "snd", "10.0.1.2", "239.2.2.2", 5000, 200);
        Polling.await("the (*,G) route made an entry", Duration.ofSeconds(10),
                () -> mroute().contains("(10.0.1.2,239.2.2.2)"));
        burst.stop();
        return mroute().lines().map(l -> l.replaceAll("\\s+", " ").strip())
                .filter(l -> l.startsWith("("))
                .map(l -> l.replaceAll(" State: \\S+", ""))
                .sorted().collect(Collectors.joining("\n"));
    }

    private String mroute() {
        return net.exec("rtr", "ip", "mroute", "show");
    }
}
