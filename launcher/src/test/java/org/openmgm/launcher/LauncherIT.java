package org.openmgm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user runs it: {@code bin/openmgm} starts the router, the MGM component
 * comes up, a protocol bundle copied into {@code deploy/} registers and takes its configured
 * interfaces, removing it releases them, bad input is reported without stopping the router, and
 * SIGTERM stops it cleanly.
 */
class LauncherIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Path DIST = Paths.get(System.getProperty("openmgm.dist", "target/openmgm"));
    private static final Map<String, String> JAVA_25 =
            Map.of("JAVA_HOME", Paths.get(System.getProperty("java.home")).toString());

    @TempDir
    Path work;

    @Test
    void startsHotDeploysAProtocolAndStopsCleanlyOnSigterm() throws Exception {
        try (RouterProcess router = RouterProcess.start(DIST, work.resolve("openmgm"), JAVA_25, "--console", "stdin")) {
            router.await("OpenMGM ready in [0-9.]+ s: \\d+ bundles active, MGM service up", START);
            router.command("scr:list");
            router.await("Id: \\d+, State:ACTIVE, PID\\(s\\): \\[org.openmgm.core\\]", STEP);

            Path home = router.home();
            Files.copy(home.resolve("examples/org.openmgm.protocol.example.cfg"),
                    home.resolve("etc/org.openmgm.protocol.example.cfg"), StandardCopyOption.REPLACE_EXISTING);
            deploy(home.resolve("examples/openmgm-protocol-example.jar"), home.resolve("deploy/example.jar"));
            router.await("example\\(1000/0\\) took if101: UNOWNED -> RP\\(example\\)", STEP);
            router.await("example\\(1000/0\\) took if102: UNOWNED -> RP\\(example\\)", STEP);

            Files.delete(home.resolve("deploy/example.jar"));
            router.await("example\\(1000/0\\) released if101: RP\\(example\\) -> UNOWNED", STEP);
            router.await("Deregistered protocol example\\(1000/0\\)", STEP);

            assertEquals(0, router.terminate(STEP));
            assertTrue(router.output().stream().anyMatch(l -> l.contains("OpenMGM stopped")), router.output().toString());
            String log = Files.readString(home.resolve("data/log/openmgm.log"));
            assertTrue(log.contains("OpenMGM ready in"), "the log file holds what the console showed");
            assertTrue(log.contains("released if101"));
        }
    }

    @Test
    void badConfigurationAndUnresolvableBundlesAreReportedAndTheRouterKeepsRunning() throws Exception {
        try (RouterProcess router = RouterProcess.start(DIST, work.resolve("openmgm"), JAVA_25, "--console", "stdin")) {
            router.await("OpenMGM ready in", START);
            Path home = router.home();

            Files.writeString(home.resolve("etc/org.openmgm.core.cfg"), "callbacks.slowMs = soon\n");
            router.await("Invalid configuration org.openmgm.core: callbacks.slowMs value 'soon' is not an integer", STEP);

            Path broken = work.resolve("broken.jar");
            writeBundle(broken, "org.example.broken", "org.example.nowhere");
            deploy(broken, home.resolve("deploy/broken.jar"));
            router.await("org.example.broken.*(missing requirement|Unable to resolve).*org.example.nowhere", STEP);

            // Still alive and serving: a protocol deployed afterwards works.
            Files.copy(home.resolve("examples/org.openmgm.protocol.example.cfg"),
                    home.resolve("etc/org.openmgm.protocol.example.cfg"), StandardCopyOption.REPLACE_EXISTING);
            deploy(home.resolve("examples/openmgm-protocol-example.jar"), home.resolve("deploy/example.jar"));
            router.await("example\\(1000/0\\) took if101", STEP);
            assertEquals(0, router.terminate(STEP));
        }
    }

    @Test
    void igmpRunsWhereConfiguredAndRefusesABadConfigurationByName() throws Exception {
        try (RouterProcess router = RouterProcess.start(DIST, work.resolve("openmgm"), JAVA_25, "--console", "stdin")) {
            router.await("OpenMGM ready in", START);
            Path home = router.home();
            router.command("scr:list");
            router.await("State:ACTIVE, PID\\(s\\): \\[org.openmgm.igmp.router\\]", STEP);

            Files.writeString(home.resolve("etc/org.openmgm.forwarding.sim.cfg"),
                    "interfaces = sim101 101 10.0.101.1/24, sim102 102 10.0.102.1/24\n");
            Files.copy(home.resolve("examples/org.openmgm.igmp-sim101.cfg"),
                    home.resolve("etc/org.openmgm.igmp-sim101.cfg"), StandardCopyOption.REPLACE_EXISTING);
            router.await("IGMPv3 running on sim101 \\(10.0.101.1/24\\)", STEP);
            router.await("igmp\\(10/0\\) took if101: UNOWNED -> IGMP_ONLY", STEP);

            Files.writeString(home.resolve("etc/org.openmgm.igmp-sim102.cfg"), "interface = sim102\nversion = 9\n");
            router.await("Invalid configuration .*\\(interface sim102\\): version = '9': must be between 1 and 3", STEP);

            Files.delete(home.resolve("etc/org.openmgm.igmp-sim101.cfg"));
            router.await("IGMP stopped on sim101", STEP);
            router.await("igmp\\(10/0\\) released if101: IGMP_ONLY -> UNOWNED", STEP);
            assertEquals(0, router.terminate(STEP));
        }
    }

    @Test
    void helpExplainsUsage() throws Exception {
        Process p = new ProcessBuilder(DIST.resolve("bin/openmgm").toString(), "--help").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertTrue(out.contains("Usage: openmgm"), out);
        assertTrue(out.contains("deploy/"), out);
    }

    @Test
    void anOldJavaIsRefusedWithAClearMessage() throws Exception {
        Path java17 = Paths.get("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isExecutable(java17.resolve("bin/java")), "no Java 17 installed to try with");
        ProcessBuilder pb = new ProcessBuilder(DIST.resolve("bin/openmgm").toString()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", java17.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(3, p.waitFor(), out);
        assertTrue(out.contains("is Java 17; OpenMGM needs Java 25 or newer"), out);

        // The launcher jar itself says so too when started directly with the old JVM.
        Process direct = new ProcessBuilder(java17.resolve("bin/java").toString(), "-jar",
                DIST.resolve("lib/launcher.jar").toString()).redirectErrorStream(true).start();
        String directOut = new String(direct.getInputStream().readAllBytes());
        assertEquals(3, direct.waitFor(), directOut);
        assertTrue(directOut.contains("Java 25 or newer is required, but this is Java 17"), directOut);
    }

    /** Copies under a temporary name and renames, as deploy/README.txt tells users to. */
    private static void deploy(Path jar, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeBundle(Path jar, String symbolicName, String missingImport) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", missingImport);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }
}
