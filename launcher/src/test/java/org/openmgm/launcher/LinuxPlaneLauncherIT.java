package org.openmgm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux forwarding plane in the distribution: idle (no socket, no log line) unless its
 * configuration file is in etc/; and, as root inside throwaway network namespaces, a router that
 * forwards a real stream to a real host that joined with IGMP, then leaves no VIF or entry behind.
 */
class LinuxPlaneLauncherIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Path DIST = Paths.get(System.getProperty("openmgm.dist", "target/openmgm"));
    private static final Map<String, String> JAVA_25 =
            Map.of("JAVA_HOME", Paths.get(System.getProperty("java.home")).toString());
    private static final String SENDER = """
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 8)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(sys.argv[1]))
            for i in range(int(sys.argv[3])):
                s.sendto(b"omt %d" % i, (sys.argv[2], 5005)); time.sleep(0.05)
            """;
    private static final String RECEIVER = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((sys.argv[2], 5005))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(sys.argv[2]) + socket.inet_aton(sys.argv[1]))
            print("ready", flush=True)
            while True:
                print("got", s.recv(100).decode(), flush=True)
            """;

    @TempDir
    Path work;

    @Test
    void theLinuxPlaneStaysIdleUnlessItsConfigurationExists() throws Exception {
        try (RouterProcess router = RouterProcess.start(DIST, work.resolve("openmgm"), JAVA_25, "--console", "stdin")) {
            router.await("OpenMGM ready in", START);
            router.command("scr:list");
            router.await("LinuxPlaneComponent in bundle \\d+ \\(org.openmgm.forwarding-linux:[^)]*\\) enabled, 0 instances",
                    STEP);
            router.await("State:ACTIVE, PID\\(s\\): \\[org.openmgm.forwarding.sim\\]", STEP);
            assertEquals(0, router.terminate(STEP));
            assertTrue(router.output().stream().noneMatch(l -> l.matches(".*(TRACE|DEBUG|INFO|WARN|ERROR) org\\.openmgm"
                    + "\\.forwarding\\.linux.*")), "not a log line from the idle Linux plane: " + router.output());
        }
    }

    @Test
    void inNamespacesTheRouterForwardsToAHostThatJoinedAndLeavesNothingBehind() throws Exception {
        assumeTrue(isRoot(), "needs root: network namespaces and the kernel's multicast routing");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 (the hosts' sender and receiver)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")),
                "needs iproute2 (ip)");
        String p = "omt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        String r = p + "-r";
        String a = p + "-a";
        String b = p + "-b";
        List<Process> started = new ArrayList<>();
        try {
            for (String ns : List.of(r, a, b)) {
                run("ip", "netns", "add", ns);
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "link", "add", "r1", "netns", r, "type", "veth", "peer", "name", "a0", "netns", a);
            run("ip", "link", "add", "r2", "netns", r, "type", "veth", "peer", "name", "b0", "netns", b);
            for (String[] x : new String[][] {{r, "r1", "10.0.1.1/24"}, {a, "a0", "10.0.1.2/24"},
                {r, "r2", "10.0.2.1/24"}, {b, "b0", "10.0.2.2/24"}}) {
                run("ip", "-n", x[0], "addr", "add", x[2], "dev", x[1]);
                run("ip", "-n", x[0], "link", "set", x[1], "up");
            }
            run("ip", "netns", "exec", r, "sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=0");

            Path dist = work.resolve("dist");
            RouterProcess.copyTree(DIST, dist);
            Files.copy(dist.resolve("examples/org.openmgm.forwarding.linux.cfg"),
                    dist.resolve("etc/org.openmgm.forwarding.linux.cfg"));
            for (String cfg : List.of("etc/org.openmgm.core.cfg", "etc/org.openmgm.igmp.router.cfg")) {
                Path f = dist.resolve(cfg);
                Files.writeString(f, Files.readString(f).replace("(mgm.plane=sim)", "(mgm.plane=linux)"));
            }
            Files.writeString(dist.resolve("etc/org.openmgm.igmp-r1.cfg"), "interface = r1\n");
            Files.writeString(dist.resolve("etc/org.openmgm.igmp-r2.cfg"), "interface = r2\n");

            try (RouterProcess router = RouterProcess.start(dist, work.resolve("openmgm"), JAVA_25,
                    List.of("ip", "netns", "exec", r), "--console", "stdin")) {
                router.await("LinuxPlaneComponent - Started \\(Linux kernel plane", START);
                router.await("IGMPv3 running on r2 \\(10.0.2.1/24\\)", STEP);
                router.await("igmp\\(10/0\\) took if\\d+: UNOWNED -> IGMP_ONLY", STEP);

                Process receiver = python(started, b, RECEIVER, "10.0.2.2", "239.5.5.5");
                BufferedReader lines = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("ready", lines.readLine());
                Process sender = python(started, a, SENDER, "10.0.1.2", "239.5.5.5", "40");
                assertTrue(sender.waitFor(20, TimeUnit.SECONDS));
                int got = 0;
                while (got < 40 && receiver.isAlive()) {
                    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (!lines.ready() && System.nanoTime() < end) {
                        Thread.sleep(10);
                    }
                    if (!lines.ready()) {
                        break;
                    }
                    assertTrue(lines.readLine().startsWith("got omt "));
                    got++;
                }
                assertTrue(got >= 36, "the stream reaches the host that joined: " + got + " of 40");
                assertTrue(run("ip", "netns", "exec", r, "cat", "/proc/net/ip_mr_cache").contains("050505EF"));

                assertEquals(0, router.terminate(STEP));
                router.await("LinuxPlaneComponent - Stopped", STEP);
            }
            assertEquals(1, run("ip", "netns", "exec", r, "cat", "/proc/net/ip_mr_vif").strip().lines().count());
            assertEquals(1, run("ip", "netns", "exec", r, "cat", "/proc/net/ip_mr_cache").strip().lines().count());
        } finally {
            for (Process s : started) {
                s.destroyForcibly();
                s.waitFor(5, TimeUnit.SECONDS);
            }
            for (String ns : List.of(r, a, b)) {
                new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process python(List<Process> started, String ns, String program, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "/usr/bin/python3", "-u", "-c", program));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static boolean isRoot() throws Exception {
        return System.getProperty("os.name", "").startsWith("Linux")
                && Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
    }
}
