package org.openmgm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A throwaway network of Linux network namespaces joined by veth pairs, with the processes a test
 * started in them. Every name carries a random tag, so tests and leftover runs never collide;
 * {@link #close()} stops the processes and deletes the namespaces (with their links), also when
 * the test failed. Traffic never leaves these namespaces.
 */
final class TestNet implements AutoCloseable {

    private final String tag;
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final List<Proc> procs = new ArrayList<>();
    private final Path scratch;
    private int links;

    private TestNet(String tag) {
        this.tag = tag;
        try {
            this.scratch = Files.createTempDirectory("openmgm-e2e-" + tag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty network; {@code prefix} (a few letters) goes into every name. */
    static TestNet create(String prefix) {
        String tag = prefix + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        TestNet net = new TestNet(tag);
        Runtime.getRuntime().addShutdownHook(new Thread(net::close));
        return net;
    }

    /** A scratch directory deleted with the network. */
    Path scratch() {
        return scratch;
    }

    /**
     * Adds a host: a namespace with loopback up and reverse-path filtering off (multicast sources
     * on other subnets must not be dropped before the router sees them).
     *
     * @param role a short role name, e.g. {@code rtr}
     * @return the namespace name
     */
    String host(String role) {
        String ns = "omg" + tag + role;
        Shell.must("ip", "netns", "add", ns);
        hosts.put(role, ns);
        exec(role, "ip", "link", "set", "dev", "lo", "up");
        exec(role, "sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=0");
        exec(role, "sysctl", "-q", "-w", "net.ipv4.conf.default.rp_filter=0");
        return ns;
    }

    String ns(String role) {
        String ns = hosts.get(role);
        if (ns == null) {
            throw new IllegalArgumentException("no host " + role);
        }
        return ns;
    }

    /**
     * Joins two hosts with a veth pair, one end in each, addressed and up.
     *
     * @param a a host, {@code aIf} its interface name, {@code aAddr} its address with length
     * @param b the other host, likewise
     */
    void link(String a, String aIf, String aAddr, String b, String bIf, String bAddr) {
        String t = "o" + tag + (links++);
        Shell.must("ip", "link", "add", t + "a", "type", "veth", "peer", "name", t + "b");
        Shell.must("ip", "link", "set", "dev", t + "a", "netns", ns(a));
        Shell.must("ip", "link", "set", "dev", t + "b", "netns", ns(b));
        exec(a, "ip", "link", "set", "dev", t + "a", "name", aIf);
        exec(b, "ip", "link", "set", "dev", t + "b", "name", bIf);
        for (String[] end : new String[][] {{a, aIf, aAddr}, {b, bIf, bAddr}}) {
            exec(end[0], "sysctl", "-q", "-w", "net.ipv4.conf." + end[1] + ".rp_filter=0");
            if (end[2] != null) {
                exec(end[0], "ip", "addr", "add", end[2], "dev", end[1]);
            }
            exec(end[0], "ip", "link", "set", "dev", end[1], "up");
        }
    }

    /** Runs a command in a host; it must succeed. */
    String exec(String role, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        c.addAll(Arrays.asList(command));
        Shell.Result r = Shell.run(c);
        if (!r.ok()) {
            throw new IllegalStateException("in " + role + ": " + String.join(" ", command) + " failed: " + r.output());
        }
        return r.output();
    }

    /** Runs a command in a host and returns its result, whatever it is. */
    Shell.Result tryExec(String role, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        c.addAll(Arrays.asList(command));
        return Shell.run(c);
    }

    /** The interface index of an interface in a host. */
    int ifIndex(String role, String ifName) {
        return Integer.parseInt(exec(role, "cat", "/sys/class/net/" + ifName + "/ifindex").strip());
    }

    /** Starts a long-running process in a host; it is stopped with the network. */
    Proc start(String role, String name, Consumer<String> onLine, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        c.addAll(Arrays.asList(command));
        Proc p = Proc.start(name, onLine, c);
        synchronized (procs) {
            procs.add(p);
        }
        return p;
    }

    /**
     * A host program of the distribution's {@code lib/demo/} (the demo uses the same receiver and
     * sender hosts as these tests).
     */
    Path resource(String name) {
        Path script = OpenMgm.DIST.resolve("lib/demo").resolve(name);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("missing " + script + ": build the distribution first (mvn package)");
        }
        return script.toAbsolutePath();
    }

    @Override
    public void close() {
        List<Proc> running;
        synchronized (procs) {
            running = new ArrayList<>(procs);
            procs.clear();
        }
        running.forEach(Proc::close);
        for (String ns : hosts.values()) {
            Shell.run(List.of("ip", "netns", "delete", ns));   // deletes its veth ends too
        }
        hosts.clear();
        Shell.run(List.of("rm", "-rf", scratch.toString()));
    }
}
