package org.openmgm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live web view in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, driven over the W3C WebDriver protocol with the JDK's HTTP client) at a phone's
 * width loads {@code /openmgm/}, a host joins a group in the simulated plane through the console's
 * {@code mgm:sim-join}, and the group's row appears without a reload; data sent then brings the
 * routing table's row. {@code .ci/run} installs Chromium when it is missing; without it the test is
 * skipped and says why.
 */
class LiveViewBrowserIT {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
    static final Duration SEE = Duration.ofSeconds(15);

    @TempDir
    Path work;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String driver;

    @Test
    void aJoinedGroupAndItsRouteAppearInTheOpenPage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does it): browser test skipped");
        int port = OperatorSurfaceIT.freePort();
        int driverPort = OperatorSurfaceIT.freePort();
        Process chromedriver = new ProcessBuilder(DRIVER.toString(), "--port=" + driverPort, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(work.resolve("chromedriver.log").toFile()).start();
        try (RouterProcess router = OperatorSurfaceIT.startSimulatedRouter(work.resolve("openmgm"), port)) {
            driver = "http://127.0.0.1:" + driverPort;
            awaitDriver();
            String session = newSession();
            try {
                String base = "/session/" + session;
                post(base + "/url", "{\"url\": \"http://127.0.0.1:" + port + "/openmgm/\"}");
                await("the page shows the interfaces", base, "return document.querySelector("
                        + "'#interfaces-table tr[data-key=\"101|\"]') !== null");
                assertEquals("false", script(base, "return document.querySelector("
                        + "'#groups-table tr[data-key=\"sim101|239.9.9.9\"]') !== null"));
                String updatedBefore = script(base, "return document.body.dataset.updated");

                router.command("mgm:sim-join sim101 239.9.9.9");
                await("the joined group's row appears", base, "return document.querySelector("
                        + "'#groups-table tr[data-key=\"sim101|239.9.9.9\"]') !== null");
                assertTrue(!updatedBefore.equals(script(base, "return document.body.dataset.updated")),
                        "updated in place, without a reload");
                assertEquals("\"live\"", quoted(script(base, "return document.getElementById('state').className")));

                router.command("mgm:sim-send sim101 10.0.101.7 239.9.9.9 2");
                Files.writeString(router.home().resolve("etc/org.openmgm.igmp-sim102.cfg"), "interface = sim102\n");
                router.await("IGMPv3 running on sim102", SEE);
                router.command("mgm:sim-send sim102 10.1.1.1 239.9.9.9 3");
                await("the route's row appears", base, "return document.querySelector("
                        + "'#mroute-table tr[data-key=\"10.1.1.1|239.9.9.9\"]') !== null");
                assertEquals("true", script(base, "return document.documentElement.scrollWidth <= window.innerWidth + 1"),
                        "nothing wider than a phone's screen");
                screenshot(base, Paths.get("target/live-view-phone.png"));
            } finally {
                http.send(HttpRequest.newBuilder(URI.create(driver + "/session/" + session)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            assertEquals(0, router.terminate(Duration.ofSeconds(20)));
        } finally {
            chromedriver.destroy();
            chromedriver.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitDriver() throws Exception {
        long deadline = System.nanoTime() + SEE.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(driver + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"ready\":true")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("chromedriver did not start");
            }
            Thread.sleep(100);
        }
    }

    private String newSession() throws Exception {
        String args = String.join(",", List.of("\"--headless\"", "\"--no-sandbox\"", "\"--disable-gpu\"",
                "\"--disable-dev-shm-usage\"", "\"--disable-quic\"", "\"--no-first-run\"",
                "\"--disable-background-networking\"", "\"--disable-component-update\"", "\"--disable-sync\"",
                "\"--window-size=390,844\"", "\"--user-data-dir=" + work.resolve("chromium-profile") + "\""));
        String body = post("/session", "{\"capabilities\": {\"alwaysMatch\": {\"browserName\": \"chrome\","
                + " \"goog:chromeOptions\": {\"binary\": \"" + CHROMIUM + "\", \"args\": [" + args + "]}}}}");
        Matcher m = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertTrue(m.find(), "no WebDriver session: " + body);
        return m.group(1);
    }

    private String post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(driver + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** Runs a script in the page and returns its value as JSON text. */
    private String script(String session, String js) throws Exception {
        String body = post(session + "/execute/sync", "{\"script\": \"" + js.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\", \"args\": []}");
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*(.*)}\\s*$", Pattern.DOTALL).matcher(body);
        assertTrue(m.find(), body);
        return m.group(1).strip();
    }

    private static String quoted(String json) {
        return json;
    }

    private void await(String what, String session, String js) throws Exception {
        long deadline = System.nanoTime() + SEE.toNanos();
        while (!"true".equals(script(session, js))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + SEE + " " + what + " did not happen; page: "
                        + script(session, "return document.querySelector('main').innerText"));
            }
            Thread.sleep(100);
        }
    }

    private void screenshot(String session, Path to) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(driver + session + "/screenshot")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (m.find()) {
            Files.createDirectories(to.getParent());
            Files.write(to, Base64.getDecoder().decode(m.group(1)));
        }
    }
}
