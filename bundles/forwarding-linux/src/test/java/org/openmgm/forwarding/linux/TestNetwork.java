package org.openmgm.forwarding.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway network namespaces for the kernel tests: {@code omt-<random>-<role>}, joined by veth
 * pairs, deleted by {@link #close()} whatever happened (and every process the test started in
 * them is killed first, by its own handle). Nothing here touches the host's interfaces.
 */
final class TestNetwork implements AutoCloseable {

    private final String prefix = "omt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Netns> threads = new ArrayList<>();

    /**
     * Tells why the kernel tests cannot run here, if they cannot.
     *
     * @return the reason, or {@code null} when they can (root, Linux, ip, python3)
     */
    static String whyNot() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return "needs Linux";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:") && !line.split("\\s+")[2].equals("0")) {
                    return "needs root (network namespaces, raw sockets, MRT_INIT)";
                }
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "needs iproute2 (ip)";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return "needs /usr/bin/python3 (senders and receivers)";
        }
        return null;
    }

    /**
     * Makes a namespace with {@code lo} up and reverse-path filtering off.
     *
     * @param role a short name, e.g. {@code r}
     * @return its full name
     */
    String namespace(String role) throws Exception {
        String ns = prefix + "-" + role;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        // rp_filter drops sources without a route back before any upcall (DESIGN.md); tests route explicitly.
        exec(ns, "sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        return ns;
    }

    /**
     * Joins two namespaces by a veth pair with addresses, both ends up.
     *
     * @param nsA one namespace
     * @param ifA its end's name
     * @param addrA its address with length, e.g. {@code 10.0.1.1/24}
     * @param nsB the other
     * @param ifB its end's name
     * @param addrB its address with length
     */
    void veth(String nsA, String ifA, String addrA, String nsB, String ifB, String addrB) throws Exception {
        run("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        run("ip", "-n", nsA, "addr", "add", addrA, "dev", ifA);
        run("ip", "-n", nsB, "addr", "add", addrB, "dev", ifB);
        run("ip", "-n", nsA, "link", "set", ifA, "up");
        run("ip", "-n", nsB, "link", "set", ifB, "up");
    }

    /**
     * Runs a command in a namespace and returns its output.
     *
     * @param ns the namespace
     * @param command the command
     * @return standard output
     */
    String exec(String ns, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return run(c.toArray(String[]::new));
    }

    /**
     * Starts a background process in a namespace; {@link #close()} kills it.
     *
     * @param ns the namespace
     * @param command the command
     * @return the process (stderr merged into stdout)
     */
    Process start(String ns, String... command) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /**
     * Runs a Python program from the test resources in a namespace, in the background.
     *
     * @param ns the namespace
     * @param script the resource name under {@code net/}
     * @param args its arguments
     * @return the process
     */
    Process python(String ns, String script, String... args) throws IOException {
        Path file = Files.createTempFile("omt-", ".py");
        try (var in = TestNetwork.class.getResourceAsStream("/net/" + script)) {
            Files.write(file, in.readAllBytes());
        }
        file.toFile().deleteOnExit();
        List<String> c = new ArrayList<>(List.of("/usr/bin/python3", "-u", file.toString()));
        c.addAll(List.of(args));
        return start(ns, c.toArray(String[]::new));
    }

    /**
     * Makes a thread that lives in a namespace.
     *
     * @param ns the namespace
     * @return the thread
     */
    Netns thread(String ns) throws Exception {
        Netns t = new Netns(ns);
        threads.add(t);
        return t;
    }

    /**
     * Runs a host command, failing on a non-zero exit.
     *
     * @param command the command
     * @return its standard output
     */
    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    /**
     * Reads a line of a process's output, waiting at most a while.
     *
     * @param p the process
     * @param within how long
     * @return the line, or {@code null} at the end or on timeout
     */
    static String readLine(Process p, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        StringBuilder line = new StringBuilder();
        var in = p.getInputStream();
        while (System.nanoTime() < end) {
            if (in.available() == 0) {
                if (!p.isAlive() && in.available() == 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                Thread.sleep(5);
                continue;
            }
            int c = in.read();
            if (c < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (c == '\n') {
                return line.toString();
            }
            line.append((char) c);
        }
        return null;
    }

    /** Kills the processes started so far (each by its own handle) and waits for them. */
    void stopProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    @Override
    public void close() {
        stopProcesses();
        threads.forEach(Netns::close);
        for (String ns : namespaces) {
            try {
                run("ip", "netns", "del", ns);
            } catch (Exception e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
