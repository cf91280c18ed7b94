package org.openmgm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IGMP proxy (RFC 4605) on the kernel plane, between a real upstream router and real hosts:
 * <pre>
 *   isp eth0 10.0.5.2 (querier, source) --- up 10.0.5.1 [rtr] d1 10.0.6.1 --- eth0 10.0.6.2 rcv1 (IGMPv2)
 *                                                       [rtr] d2 10.0.7.1 --- eth0 10.0.7.2 rcv2 (IGMPv3)
 * </pre>
 * What the upstream side hears is captured and parsed: the proxy's kernel, driven by the proxy,
 * is the host there (RFC 4605 §4.1), and answers in the querier's version (RFC 3376 §7.2.1).
 */
class IgmpProxyIT {

    TestNet net;
    OpenMgm router;

    @BeforeEach
    void network() {
        Requirements.rootWithNamespaces();
        net = TestNet.create("px");
        net.host("isp");
        net.host("rtr");
        net.host("rcv1");
        net.host("rcv2");
        net.link("isp", "eth0", "10.0.5.2/24", "rtr", "up", "10.0.5.1/24");
        net.link("rtr", "d1", "10.0.6.1/24", "rcv1", "eth0", "10.0.6.2/24");
        net.link("rtr", "d2", "10.0.7.1/24", "rcv2", "eth0", "10.0.7.2/24");
        net.exec("rcv1", "sysctl", "-q", "-w", "net.ipv4.conf.eth0.force_igmp_version=2");
    }

    @AfterEach
    void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    private void startProxy() {
        router = KernelRouter.plain(net, "rtr", "router", List.of("d1", "d2"));
        KernelRouter.proxy(router, "up", "d1, d2");
        router.deploy(KernelRouter.PROXY_JAR, "igmp-proxy.jar");
        router.start();
        router.await("Registered protocol igmp-proxy", OpenMgm.START);
    }

    @Test
    void anIgmpV3UpstreamHearsMergedFiltersWithSourcesAndTrafficReachesOnlyInterfacesWithMembers() {
        UpstreamQuerier isp = new UpstreamQuerier(net, "isp", "eth0", "10.0.5.2", 3, Duration.ofSeconds(2));
        startProxy();
        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        Receiver rcv2 = new Receiver(net, "rcv2", "eth0", 5000);

        int mark = isp.mark();
        rcv2.join("239.5.5.5", "10.0.5.2");                    // IGMPv3 INCLUDE {10.0.5.2} on d2
        isp.await(mark, "INCLUDE {10.0.5.2} for 239.5.5.5", Duration.ofSeconds(10), h -> h.from().equals("10.0.5.1")
                && h.kind().equals("V3") && h.group().equals("239.5.5.5") && Set.of(1, 3, 5).contains(h.recordType())
                && h.sources().equals(Set.of("10.0.5.2")));
        rcv1.join("239.6.6.6");                                // an IGMPv2 host on d1: EXCLUDE {}
        isp.await(mark, "EXCLUDE {} for 239.6.6.6", Duration.ofSeconds(10), h -> h.from().equals("10.0.5.1")
                && h.group().equals("239.6.6.6") && h.excludes() && h.sources().isEmpty());

        Sender s5 = new Sender(net, "isp", "10.0.5.2", "239.5.5.5", 5000, 100);
        Sender s6 = new Sender(net, "isp", "10.0.5.2", "239.6.6.6", 5000, 100);
        Sender s7 = new Sender(net, "isp", "10.0.5.2", "239.7.7.7", 5000, 100);
        rcv2.awaitCount("239.5.5.5", "10.0.5.2", 100, Duration.ofSeconds(10));
        rcv1.awaitCount("239.6.6.6", "10.0.5.2", 100, Duration.ofSeconds(10));
        Polling.await("an entry for the group nobody joined", Duration.ofSeconds(5),
                () -> net.exec("rtr", "ip", "mroute", "show").contains("(10.0.5.2,239.7.7.7)"));
        String mroute = net.exec("rtr", "ip", "mroute", "show");
        assertTrue(mroute.matches("(?s).*\\(10\\.0\\.5\\.2,239\\.5\\.5\\.5\\)\\s+Iif: up\\s+Oifs: d2\\s.*"), mroute);
        assertTrue(mroute.matches("(?s).*\\(10\\.0\\.5\\.2,239\\.6\\.6\\.6\\)\\s+Iif: up\\s+Oifs: d1\\s.*"), mroute);
        assertTrue(mroute.matches("(?s).*\\(10\\.0\\.5\\.2,239\\.7\\.7\\.7\\)\\s+Iif: up\\s+State.*"),
                "no interface for the group nobody joined: " + mroute);

        mark = isp.mark();
        rcv1.leave("239.6.6.6");
        isp.await(mark, "the leave of 239.6.6.6 (TO_IN {})", Duration.ofSeconds(10), h -> h.from().equals("10.0.5.1")
                && h.kind().equals("V3") && h.group().equals("239.6.6.6") && h.recordType() == 3
                && h.sources().isEmpty());
        Polling.await("d1 leaves the entry", Duration.ofSeconds(5), () -> net.exec("rtr", "ip", "mroute", "show")
                .matches("(?s).*\\(10\\.0\\.5\\.2,239\\.6\\.6\\.6\\)\\s+Iif: up\\s+State.*"));
        long more = rcv2.count("239.5.5.5", "10.0.5.2") + 100;
        rcv2.awaitCount("239.5.5.5", "10.0.5.2", more, Duration.ofSeconds(5));
        s5.stop();
        s6.stop();
        s7.stop();
        assertEquals(0, rcv2.lost("239.5.5.5", "10.0.5.2"), "the other group's receiver lost nothing");
        assertEquals(0, rcv2.count("239.7.7.7", "10.0.5.2") + rcv1.count("239.7.7.7", "10.0.5.2"));
    }

    @Test
    void anIgmpV2UpstreamHearsV2ReportsAndTheLeaveAfterTheLastMemberOnly() {
        UpstreamQuerier isp = new UpstreamQuerier(net, "isp", "eth0", "10.0.5.2", 2, Duration.ofSeconds(1));
        startProxy();
        Receiver rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        Receiver rcv2 = new Receiver(net, "rcv2", "eth0", 5000);
        // The querier started first: the proxy's kernel has heard its v2 queries on up, so it
        // reports there in IGMPv2 (RFC 3376 §7.2.1).
        int mark = isp.mark();
        rcv1.join("239.8.8.8");
        rcv2.join("239.8.8.8");
        isp.await(mark, "an IGMPv2 report for 239.8.8.8", Duration.ofSeconds(10), h -> h.from().equals("10.0.5.1")
                && h.kind().equals("V2_REPORT") && h.group().equals("239.8.8.8"));

        Sender sender = new Sender(net, "isp", "10.0.5.2", "239.8.8.8", 5000, 100);
        rcv1.awaitCount("239.8.8.8", "10.0.5.2", 50, Duration.ofSeconds(10));
        rcv2.awaitCount("239.8.8.8", "10.0.5.2", 50, Duration.ofSeconds(10));

        mark = isp.mark();
        rcv1.leave("239.8.8.8");                                // rcv2 is still a member downstream
        Polling.await("d1 leaves the entry", Duration.ofSeconds(5), () -> net.exec("rtr", "ip", "mroute", "show")
                .matches("(?s).*\\(10\\.0\\.5\\.2,239\\.8\\.8\\.8\\)\\s+Iif: up\\s+Oifs: d2\\s.*"));
        int afterFirstLeave = isp.mark();
        assertTrue(isp.heard().subList(mark, afterFirstLeave).stream().noneMatch(h -> h.from().equals("10.0.5.1")
                && h.kind().equals("V2_LEAVE")), "no leave upstream while d2 has a member");

        rcv2.leave("239.8.8.8");
        isp.await(afterFirstLeave, "the IGMPv2 leave of 239.8.8.8", Duration.ofSeconds(10),
                h -> h.from().equals("10.0.5.1") && h.kind().equals("V2_LEAVE") && h.group().equals("239.8.8.8"));
        sender.stop();
        assertEquals(0, rcv2.lost("239.8.8.8", "10.0.5.2"));
    }
}
