package org.openmgm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator surface of a running distribution: {@code bin/openmgm status} and {@code show} over
 * the local socket (text, JSON, exit codes, bad input, a router that is not running), the JSON API
 * (status codes, content, loopback binding, refusal of a client that is not allowed) and the sim
 * commands through the CLI. One router serves every test; {@link LiveViewBrowserIT} drives the
 * web view in Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorSurfaceIT {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration STEP = Duration.ofSeconds(20);
    static final Path DIST = Paths.get(System.getProperty("openmgm.dist", "target/openmgm"));
    static final Map<String, String> JAVA_25 = Map.of("JAVA_HOME", Paths.get(System.getProperty("java.home")).toString());

    @TempDir
    static Path work;
    RouterProcess router;
    int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A simulated router with two interfaces, IGMP on sim101, the web on a free port, clients 127.0.0.1 only. */
    static RouterProcess startSimulatedRouter(Path home, int port) throws IOException {
        RouterProcess r = RouterProcess.start(DIST, home, JAVA_25, h -> {
            Files.writeString(h.resolve("etc/org.openmgm.forwarding.sim.cfg"),
                    "interfaces = sim101 101 10.0.101.1/24, sim102 102 10.0.102.1/24\nroutes = 10.1.0.0/16 102\n");
            Files.copy(h.resolve("examples/org.openmgm.igmp-sim101.cfg"), h.resolve("etc/org.openmgm.igmp-sim101.cfg"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path httpCfg = h.resolve("etc/org.apache.felix.http.cfg");
            Files.writeString(httpCfg, Files.readString(httpCfg).replace("= 8181", "= " + port));
            Files.writeString(h.resolve("etc/org.openmgm.shell.web.cfg"), "allowedClients = 127.0.0.1/32\n");
        }, "--console", "stdin");
        r.await("OpenMGM ready in [0-9.]+ s: \\d+ bundles active, MGM service up", START);
        r.await("Started Jetty .* at port\\(s\\) HTTP:" + port, STEP);
        r.await("IGMPv3 running on sim101", STEP);
        return r;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    void startRouter() throws IOException {
        port = freePort();
        router = startSimulatedRouter(work.resolve("openmgm"), port);
    }

    @AfterAll
    void stopRouter() throws InterruptedException {
        if (router != null) {
            assertEquals(0, router.terminate(STEP));
            router.close();
        }
    }

    /** What one run of {@code bin/openmgm} printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/openmgm").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(JAVA_25);
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/openmgm " + String.join(" ", args) + " did not end");
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    Run cli(String... args) throws IOException, InterruptedException {
        return cli(router.home(), args);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusSaysRunningAndHealthy() throws Exception {
        Run r = cli("status");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("OpenMGM is running and healthy"), r.out());
        assertTrue(r.out().contains("web view    http://127.0.0.1:" + port + "/openmgm/"), r.out());

        Run json = cli("status", "--json");
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().contains("\"healthy\": true"), json.out());
    }

    @Test
    void theChannelIsAPrivateSocket() throws Exception {
        Path socket = router.home().resolve("data/run/openmgm.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    @Test
    void showCommandsPrintTextAndJsonAfterASimulatedJoinAndStream() throws Exception {
        Run join = cli("sim-join", "sim101", "239.1.1.1");
        assertEquals(0, join.exit(), join.toString());
        router.await("igmp\\(10/0\\) took if101", STEP);

        Run groups = awaitOutput("239.1.1.1", "show", "groups");
        assertTrue(groups.out().lines().anyMatch(l -> l.startsWith("sim101") && l.contains("239.1.1.1")
                && l.contains("EXCLUDE")), groups.out());
        Run groupsJson = cli("show", "groups", "-g", "239.1.1.1", "--json");
        assertEquals(0, groupsJson.exit(), groupsJson.toString());
        assertTrue(groupsJson.out().contains("\"group\": \"239.1.1.1\""), groupsJson.out());

        // Data from a source behind sim102, which must be held for the plane to take it: IGMP there too.
        Files.writeString(router.home().resolve("etc/org.openmgm.igmp-sim102.cfg"), "interface = sim102\n");
        router.await("IGMPv3 running on sim102", STEP);
        cli("sim-send", "sim102", "10.1.1.1", "239.1.1.1", "3");
        Run mroute = awaitOutput("10.1.1.1", "show", "mroute");
        assertTrue(mroute.out().lines().anyMatch(l -> l.startsWith("10.1.1.1") && l.contains("239.1.1.1")
                && l.contains("sim102 (igmp)") && l.contains("sim101 (igmp)")), mroute.out());
        Run interfaces = cli("show", "interfaces", "--json");
        assertTrue(interfaces.out().contains("\"name\": \"sim102\""), interfaces.out());
        for (String name : List.of("memberships", "protocols", "igmp", "igmp-stats", "callbacks", "recent-callbacks")) {
            Run r = cli("show", name);
            assertEquals(0, r.exit(), name + ": " + r);
            Run j = cli("show", name, "--json");
            assertEquals(0, j.exit(), name + ": " + j);
            assertTrue(j.out().startsWith("{"), j.out());
        }
    }

    private Run awaitOutput(String text, String... args) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            Run r = cli(args);
            if (r.exit() == 0 && r.out().contains(text)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + String.join(" ", args) + "' never showed " + text + ": " + r);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void badInputGetsAClearMessageAndItsOwnExitCode() throws Exception {
        Run unknown = cli("show", "routes");
        assertEquals(5, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown show command 'routes'") && unknown.err().contains("mroute"),
                unknown.err());
        assertEquals(5, cli("reboot").exit());
        Run filter = cli("show", "mroute", "-g", "10.0.0.1");
        assertEquals(6, filter.exit(), filter.toString());
        assertTrue(filter.err().contains("group '10.0.0.1' is not a multicast address"), filter.err());
        Run address = cli("show", "mroute", "-s", "10.0.0.999");
        assertEquals(6, address.exit(), address.toString());
        assertEquals(6, cli("show", "groups", "-i", "eth7").exit());
        Run option = cli("show", "mroute", "--bogus");
        assertEquals(2, option.exit(), option.toString());
        assertTrue(option.err().contains("unknown option '--bogus'"), option.err());
        assertEquals(2, cli("show").exit());
        Run help = cli("show", "mroute", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("-g, --group GROUP"), help.out());
    }

    @Test
    void aRouterThatIsNotRunningIsReportedWithExitCode4() throws Exception {
        Path idle = work.resolve("idle");
        RouterProcess.copyTree(DIST, idle);
        Run status = cli(idle, "status");
        assertEquals(4, status.exit(), status.toString());
        assertTrue(status.out().startsWith("OpenMGM is not running"), status.out());
        Run show = cli(idle, "show", "mroute");
        assertEquals(4, show.exit(), show.toString());
        assertTrue(show.err().contains("the router is not running"), show.err());
    }

    @Test
    void helpDocumentsTheCli() throws Exception {
        Run help = cli("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("openmgm show NAME [filters] [--json]"), help.out());
        assertTrue(help.out().contains("4 not running"), help.out());
    }

    @Test
    void theApiAnswersJsonWithMeaningfulStatusCodes() throws Exception {
        HttpResponse<String> index = get("/openmgm/api/v1/");
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(index.body().contains("/openmgm/api/v1/mroute"), index.body());

        HttpResponse<String> interfaces = get("/openmgm/api/v1/interfaces?interface=sim101");
        assertEquals(200, interfaces.statusCode(), interfaces.body());
        assertTrue(interfaces.body().contains("\"name\": \"sim101\"") && !interfaces.body().contains("sim102"),
                interfaces.body());
        HttpResponse<String> mib = get("/openmgm/api/v1/mib/mgmdRouterInterfaceTable");
        assertEquals(200, mib.statusCode(), mib.body());
        assertTrue(mib.body().contains("\"mgmdRouterInterfaceIfIndex\": 101"), mib.body());
        assertTrue(mib.body().contains("\"mgmdRouterInterfaceQuerier\": \"10.0.101.1\""), mib.body());
        assertEquals(200, get("/openmgm/api/v1/mib/ipMcastRouteTable").statusCode());
        assertEquals(200, get("/openmgm/").statusCode());

        assertEquals(404, get("/openmgm/api/v1/routes").statusCode());
        assertEquals(404, get("/openmgm/api/v1/mib/ifTable").statusCode());
        assertEquals(404, get("/openmgm/api/v1/sim-join").statusCode(), "no mutation over HTTP");
        HttpResponse<String> badGroup = get("/openmgm/api/v1/mroute?group=10.1.1.1");
        assertEquals(400, badGroup.statusCode());
        assertTrue(badGroup.body().contains("is not a multicast address"), badGroup.body());
        HttpResponse<String> badParameter = get("/openmgm/api/v1/mroute?grop=239.1.1.1");
        assertEquals(400, badParameter.statusCode());
        assertTrue(badParameter.body().contains("unknown parameter 'grop'"), badParameter.body());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/openmgm/api/v1/mroute")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theWebListensOnTheLoopbackAddressOnly() {
        // Bound to 127.0.0.1: another address of the loopback range finds nothing listening.
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.2", port).close());
    }

    @Test
    void aClientThatIsNotAllowedIsRefused() throws Exception {
        // allowedClients = 127.0.0.1/32 here: a client speaking from 127.0.0.2 is refused with 403.
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName("127.0.0.2"), 0)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /openmgm/api/v1/mroute HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
            assertTrue(response.contains("requests from 127.0.0.2 are not allowed"), response);
        }
    }
}
