package org.openmgm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The testbed itself, checked with a peer the kernel path is known to work with (smcroute): real
 * hosts in namespaces, a sender with TTL 8, a receiver whose kernel joins, a static route in the
 * kernel. If this fails, the OpenMGM end-to-end tests cannot be trusted either.
 */
class SmcrouteHarnessIT {

    TestNet net;

    @BeforeEach
    void network() {
        Requirements.rootWithNamespaces();
        Requirements.programs("smcrouted", "smcroutectl");
        net = TestNet.create("hs");
        net.host("snd");
        net.host("rtr");
        net.host("rcv");
        net.link("snd", "eth0", "10.0.1.2/24", "rtr", "up", "10.0.1.1/24");
        net.link("rtr", "down", "10.0.2.1/24", "rcv", "eth0", "10.0.2.2/24");
    }

    @AfterEach
    void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aStreamCrossesASmcrouteRouterToAJoinedReceiver() throws Exception {
        var conf = net.scratch().resolve("smcroute.conf");
        Files.writeString(conf, "mroute from up group 239.1.1.1 to down\n");
        Proc router = net.start("rtr", "smcrouted", null, "smcrouted", "-n", "-f", conf.toString(), "-i",
                "omg-" + net.ns("rtr"), "-u", net.scratch().resolve("smcroute.sock").toString(), "-l", "debug");
        Polling.await("smcroute holds the kernel table", Duration.ofSeconds(10),
                () -> net.tryExec("rtr", "cat", "/proc/net/ip_mr_vif").output().contains("up"));
        Receiver receiver = new Receiver(net, "rcv", "eth0", 5000);
        receiver.join("239.1.1.1");

        Sender sender = new Sender(net, "snd", "10.0.1.2", "239.1.1.1", 5000, 100);
        receiver.awaitCount("239.1.1.1", "10.0.1.2", 50, Duration.ofSeconds(10));
        sender.stop();

        assertTrue(router.isAlive());
        assertEquals(0, receiver.lost("239.1.1.1", "10.0.1.2"), "no datagram lost in steady state");
    }
}
