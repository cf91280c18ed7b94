package org.openmgm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two protocols in one router on the kernel plane, each with a steady stream, one swapped while
 * the other's receiver counts every datagram:
 * <pre>
 *   isp eth0 10.0.5.2 (querier, source) --- up 10.0.5.1 [rtr] d1 10.0.6.1 --- eth0 rcv1   IGMP proxy
 *   snd eth0 10.0.1.2 ------------------- si 10.0.1.1 [rtr] so 10.0.2.1 --- eth0 rcv2   static route
 * </pre>
 * The proxy is undeployed, redeployed and upgraded (a jar with a higher Bundle-Version over the
 * old one), then the static protocol is undeployed and redeployed. The untouched protocol's
 * receiver loses nothing; the swapped one's resume time is measured and printed.
 */
class HotSwapIT {

    static final String PROXY_GROUP = "239.6.6.6";
    static final String STATIC_GROUP = "239.1.1.1";
    static final int RATE = 500;

    TestNet net;
    OpenMgm router;
    Receiver rcv1;
    Receiver rcv2;
    final List<String> figures = new ArrayList<>();

    @BeforeEach
    void network() {
        Requirements.rootWithNamespaces();
        net = TestNet.create("hs");
        net.host("isp");
        net.host("snd");
        net.host("rtr");
        net.host("rcv1");
        net.host("rcv2");
        net.link("isp", "eth0", "10.0.5.2/24", "rtr", "up", "10.0.5.1/24");
        net.link("rtr", "d1", "10.0.6.1/24", "rcv1", "eth0", "10.0.6.2/24");
        net.link("snd", "eth0", "10.0.1.2/24", "rtr", "si", "10.0.1.1/24");
        net.link("rtr", "so", "10.0.2.1/24", "rcv2", "eth0", "10.0.2.2/24");
    }

    @AfterEach
    void cleanUp() {
        figures.forEach(f -> System.out.println("HotSwapIT figure: " + f));
        if (net != null) {
            net.close();
        }
    }

    @Test
    void swappingOneProtocolLosesNothingOnTheOtherAndTheSwappedOneResumes() throws Exception {
        new UpstreamQuerier(net, "isp", "eth0", "10.0.5.2", 3, Duration.ofSeconds(5));
        router = KernelRouter.plain(net, "rtr", "router", List.of("d1"));
        KernelRouter.proxy(router, "up", "d1");
        KernelRouter.staticRoutes(router);
        KernelRouter.route(router, "tv", "si", "10.0.1.2", STATIC_GROUP, "so");
        router.deploy(KernelRouter.PROXY_JAR, "igmp-proxy.jar");
        router.deploy(KernelRouter.STATIC_JAR, "static.jar");
        router.start();
        router.await("Registered protocol igmp-proxy", OpenMgm.START);
        router.await("Registered protocol static", OpenMgm.START);

        rcv1 = new Receiver(net, "rcv1", "eth0", 5000);
        rcv2 = new Receiver(net, "rcv2", "eth0", 5000);
        rcv1.join(PROXY_GROUP);
        rcv2.join(STATIC_GROUP);
        Sender proxied = new Sender(net, "isp", "10.0.5.2", PROXY_GROUP, 5000, RATE);
        Sender routed = new Sender(net, "snd", "10.0.1.2", STATIC_GROUP, 5000, RATE);
        rcv1.awaitCount(PROXY_GROUP, "10.0.5.2", RATE / 2, Duration.ofSeconds(10));
        rcv2.awaitCount(STATIC_GROUP, "10.0.1.2", RATE / 2, Duration.ofSeconds(10));

        // The proxy: removed, deployed again, upgraded; the static stream runs through it all.
        router.undeploy("igmp-proxy.jar");
        router.await("Deregistered protocol igmp-proxy", Duration.ofSeconds(20));
        Polling.await("the proxy's kernel state is gone", Duration.ofSeconds(5),
                () -> !mroute().matches("(?s).*\\(10\\.0\\.5\\.2,239\\.6\\.6\\.6\\)\\s+Iif: up\\s+Oifs: d1.*"));
        assertTrue(mroute().matches("(?s).*\\(10\\.0\\.1\\.2,239\\.1\\.1\\.1\\)\\s+Iif: si\\s+Oifs: so.*"),
                "the static entry stays: " + mroute());
        streamGoesOn(rcv2, STATIC_GROUP, "10.0.1.2");

        figures.add("proxy deployed again: stream back after " + resumeMs(rcv1, PROXY_GROUP, "10.0.5.2",
                () -> router.deploy(KernelRouter.PROXY_JAR, "igmp-proxy.jar")) + " ms");
        Path upgrade = withVersion(KernelRouter.PROXY_JAR, "0.1.1.e2e");
        figures.add("proxy upgraded: stream back after " + resumeMs(rcv1, PROXY_GROUP, "10.0.5.2",
                () -> router.deploy(upgrade, "igmp-proxy.jar")) + " ms");
        router.await("Updating bundle org\\.openmgm\\.protocol-igmp-proxy", Duration.ofSeconds(20));
        assertEquals(3, router.process().output().stream().filter(l -> l.contains("Registered protocol igmp-proxy"))
                .count(), "registered at start, after the redeploy, and as the upgraded bundle");
        streamGoesOn(rcv2, STATIC_GROUP, "10.0.1.2");
        assertEquals(0, rcv2.lost(STATIC_GROUP, "10.0.1.2"), "the static stream lost nothing while the proxy was swapped");

        // The static protocol: removed and deployed again; the proxied stream runs through it all.
        streamGoesOn(rcv1, PROXY_GROUP, "10.0.5.2");
        long proxiedLostBefore = rcv1.lost(PROXY_GROUP, "10.0.5.2");
        router.undeploy("static.jar");
        router.await("Deregistered protocol static", Duration.ofSeconds(20));
        Polling.await("the static entry is gone", Duration.ofSeconds(5),
                () -> !mroute().matches("(?s).*\\(10\\.0\\.1\\.2,239\\.1\\.1\\.1\\)\\s+Iif: si\\s+Oifs: so.*"));
        figures.add("static deployed again: stream back after " + resumeMs(rcv2, STATIC_GROUP, "10.0.1.2",
                () -> router.deploy(KernelRouter.STATIC_JAR, "static.jar")) + " ms");
        streamGoesOn(rcv1, PROXY_GROUP, "10.0.5.2");
        proxied.stop();
        routed.stop();
        assertEquals(proxiedLostBefore, rcv1.lost(PROXY_GROUP, "10.0.5.2"),
                "the proxied stream lost nothing while the static protocol was swapped");
        figures.add("datagrams lost on the untouched protocol's receiver: 0 (of " + (rcv1.count(PROXY_GROUP,
                "10.0.5.2") + rcv2.count(STATIC_GROUP, "10.0.1.2")) + " counted)");
    }

    /** Another half second of the stream arrives (so that any gap so far has been counted). */
    private static void streamGoesOn(Receiver r, String group, String source) {
        r.awaitCount(group, source, r.count(group, source) + RATE / 2, Duration.ofSeconds(10));
    }

    /** Runs the swap and measures how long until the receiver counts the stream again. */
    private static long resumeMs(Receiver r, String group, String source, Runnable swap) {
        long before = r.count(group, source);
        long start = System.nanoTime();
        swap.run();
        // The swap may take the stream away only after a moment (an upgrade stops the old bundle
        // first): wait for a pause of at least 3 datagram times, or none within 2 s.
        long quietSince = System.nanoTime();
        long seen = before;
        long deadline = start + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            long now = r.count(group, source);
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 3_000_000_000L / RATE) {
                break;
            }
            Polling.pause();
        }
        long resumeFrom = r.count(group, source);
        r.awaitCount(group, source, resumeFrom + 5, Duration.ofSeconds(20));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private String mroute() {
        return net.exec("rtr", "ip", "mroute", "show");
    }

    /** A copy of a bundle with another Bundle-Version: an upgrade as a release would ship it. */
    private Path withVersion(Path jar, String version) throws IOException {
        Path out = net.scratch().resolve("upgrade-" + jar.getFileName());
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    jos.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(jos);
                    }
                    jos.closeEntry();
                }
            }
        }
        return out;
    }
}
