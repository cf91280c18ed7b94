package org.openmgm.e2e;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The router upstream of a proxy: a host that sends general queries of one IGMP version and
 * captures every IGMP message on the link, parsed into the group records a router would act on.
 */
final class UpstreamQuerier {

    /**
     * What one captured message says about one group.
     *
     * @param from the sender's address
     * @param kind {@code V3} with a record type, or {@code V2_REPORT}, {@code V2_LEAVE}, {@code V1_REPORT}
     * @param recordType the IGMPv3 record type (1 IS_IN, 2 IS_EX, 3 TO_IN, 4 TO_EX, 5 ALLOW, 6 BLOCK), else 0
     * @param group the group
     * @param sources the record's sources
     */
    record Heard(String from, String kind, int recordType, String group, Set<String> sources) {
        boolean excludes() {
            return kind.equals("V3") && (recordType == 2 || recordType == 4);
        }
    }

    private final Proc proc;
    private final List<Heard> heard = new ArrayList<>();

    UpstreamQuerier(TestNet net, String host, String ifName, String localAddress, int version, Duration interval) {
        Path script = Paths.get("src/test/resources/hosts/querier.py").toAbsolutePath();
        proc = net.start(host, "querier-" + host, this::line, "python3", script.toString(), localAddress,
                ifName, Integer.toString(version), Double.toString(interval.toMillis() / 1000.0));
        proc.await("^ready", Duration.ofSeconds(10));
    }

    private void line(String line) {
        String[] w = line.split(" ");
        if (w.length != 3 || !w[0].equals("igmp")) {
            return;
        }
        byte[] m = HexFormat.of().parseHex(w[2]);
        List<Heard> parsed = new ArrayList<>();
        switch (m[0] & 0xff) {
            case 0x12 -> parsed.add(new Heard(w[1], "V1_REPORT", 0, address(m, 4), Set.of()));
            case 0x16 -> parsed.add(new Heard(w[1], "V2_REPORT", 0, address(m, 4), Set.of()));
            case 0x17 -> parsed.add(new Heard(w[1], "V2_LEAVE", 0, address(m, 4), Set.of()));
            case 0x22 -> {
                int records = (m[6] & 0xff) << 8 | m[7] & 0xff;
                int p = 8;
                for (int i = 0; i < records && p + 8 <= m.length; i++) {
                    int n = (m[p + 2] & 0xff) << 8 | m[p + 3] & 0xff;
                    Set<String> sources = new TreeSet<>();
                    for (int k = 0; k < n; k++) {
                        sources.add(address(m, p + 8 + 4 * k));
                    }
                    parsed.add(new Heard(w[1], "V3", m[p] & 0xff, address(m, p + 4), sources));
                    p += 8 + 4 * n + 4 * (m[p + 1] & 0xff);
                }
            }
            default -> {
                return;                                  // queries
            }
        }
        synchronized (heard) {
            heard.addAll(parsed);
            heard.notifyAll();
        }
    }

    private static String address(byte[] m, int at) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(m, at, at + 4)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** How many group records were heard so far (a mark for {@link #await}). */
    int mark() {
        synchronized (heard) {
            return heard.size();
        }
    }

    /** Everything heard so far. */
    List<Heard> heard() {
        synchronized (heard) {
            return List.copyOf(heard);
        }
    }

    /**
     * Waits for a group record heard after a mark.
     *
     * @throws AssertionError listing what was heard if none matches in time
     */
    Heard await(int mark, String what, Duration timeout, Predicate<Heard> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (heard) {
            for (int seen = mark; ; ) {
                for (; seen < heard.size(); seen++) {
                    if (wanted.test(heard.get(seen))) {
                        return heard.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("upstream never heard " + what + " within " + timeout + "; heard: "
                            + heard.subList(mark, heard.size()));
                }
                try {
                    heard.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
