package org.openmgm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * An OpenMGM router as a user runs it — a private copy of the built distribution, configured
 * through files in its {@code etc/} and started with {@code bin/openmgm} — inside a host of a
 * {@link TestNet}. Its log is followed line by line.
 */
final class OpenMgm {

    static final Path DIST = Paths.get(System.getProperty("openmgm.dist", "../launcher/target/openmgm"));
    static final Duration START = Duration.ofSeconds(60);

    private final TestNet net;
    private final String host;
    private final Path home;
    private Proc proc;
    private String console = "none";

    /** A fresh copy of the distribution for a router in {@code host}. */
    OpenMgm(TestNet net, String host, String name) {
        this.net = net;
        this.host = host;
        this.home = net.scratch().resolve(name);
        copy(DIST, home);
    }

    Path home() {
        return home;
    }

    /** Writes (or replaces) a file of the router's {@code etc/}; picked up live once it runs. */
    OpenMgm etc(String file, String content) {
        write(home.resolve("etc").resolve(file), content);
        return this;
    }

    /** Removes a file of {@code etc/} (its configuration is deleted once the router notices). */
    void removeEtc(String file) {
        try {
            Files.deleteIfExists(home.resolve("etc").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a bundle into {@code deploy/} under a temporary name and renames it, as users are told to. */
    void deploy(Path jar, String name) {
        try {
            Path tmp = home.resolve("deploy").resolve(name + ".tmp");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, home.resolve("deploy").resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void undeploy(String name) {
        try {
            Files.deleteIfExists(home.resolve("deploy").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs Gogo commands sent with {@link #command} ({@code --console stdin}) instead of no console. */
    OpenMgm withConsole() {
        console = "stdin";
        return this;
    }

    /** Starts it and waits until it is ready. */
    OpenMgm start() {
        launch();
        proc.await("OpenMGM ready in [0-9.]+ s", START);
        return this;
    }

    /** Starts it without waiting (for routers expected not to become ready). */
    OpenMgm launch() {
        proc = net.start(host, "openmgm-" + host, null, "env",
                "JAVA_HOME=" + Paths.get(System.getProperty("java.home")), home.resolve("bin/openmgm").toString(),
                "--console", console, "--home", home.toString());
        return this;
    }

    /** Runs a Gogo command in the router (it must have been started {@link #withConsole}). */
    void command(String line) {
        proc.send(line);
    }

    /** Waits for a log line. */
    String await(String regex, Duration timeout) {
        return proc.await(regex, timeout);
    }

    Proc process() {
        return proc;
    }

    /** Stops it with SIGTERM, as a service manager would; returns the exit code. */
    int stop() {
        return proc.terminate(Duration.ofSeconds(30));
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the distribution " + from + " (build it first: mvn package)", e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
