package org.openmgm.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A receiver host: a python program in a namespace that joins groups as told (its kernel sends
 * the IGMP reports) and reports every datagram it receives, numbered by the sender. Counts per
 * group and source, and the gaps in the numbering (lost datagrams).
 */
final class Receiver {

    /** What arrived from one source to one group. */
    static final class Flow {
        long count;
        long last = -1;
        long lost;

        synchronized void received(long seq) {
            if (last >= 0 && seq > last + 1) {
                lost += seq - last - 1;
            }
            last = Math.max(last, seq);
            count++;
        }
    }

    private final Proc proc;
    private final Map<String, Flow> flows = new HashMap<>();

    Receiver(TestNet net, String host, String ifName, int port) {
        this.proc = net.start(host, "receiver-" + host, this::line, "python3", net.resource("receiver.py").toString(),
                ifName, Integer.toString(port));
        proc.await("^ready", Duration.ofSeconds(10));
    }

    private void line(String line) {
        String[] w = line.split(" ");
        if (w.length == 4 && w[0].equals("rx")) {
            flow(w[1], w[2]).received(Long.parseLong(w[3]));
        }
    }

    private Flow flow(String group, String source) {
        synchronized (flows) {
            return flows.computeIfAbsent(group + " " + source, k -> new Flow());
        }
    }

    /** Joins a group (with sources: source-specific). */
    void join(String group, String... sources) {
        proc.send("join " + group + (sources.length == 0 ? "" : " " + String.join(" ", sources)));
        proc.await("^joined " + group.replace(".", "\\."), Duration.ofSeconds(5));
    }

    /** Leaves a group: the kernel sends the leave (v2) or the TO_IN {} report (v3). */
    void leave(String group) {
        proc.send("leave " + group);
        proc.await("^left " + group.replace(".", "\\."), Duration.ofSeconds(5));
    }

    long count(String group, String source) {
        Flow f = flow(group, source);
        synchronized (f) {
            return f.count;
        }
    }

    long lost(String group, String source) {
        Flow f = flow(group, source);
        synchronized (f) {
            return f.lost;
        }
    }

    /** Waits until at least {@code n} datagrams from the source to the group arrived in all. */
    void awaitCount(String group, String source, long n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(group, source) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("receiver " + proc + ": only " + count(group, source) + " of " + n
                        + " datagrams from " + source + " to " + group + " within " + timeout);
            }
            Polling.pause();
        }
    }
}
