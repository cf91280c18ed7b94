package org.openmgm.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.linux.LinuxPlane;
import org.openmgm.forwarding.linux.LinuxPlaneSettings;
import org.openmgm.forwarding.linux.mroute.MrouteSocket;
import org.openmgm.spi.ForwardingEntry;

/**
 * MFC install + delete throughput of the Linux plane's kernel code, the Java half of {@code
 * benchmarks/mfc/run.sh} (the C half is {@code mfc_bench.c}, the same loop in C). Two paths:
 *
 * <ul>
 *   <li>{@code socket}: {@link MrouteSocket#addMfc} + {@link MrouteSocket#delMfc}, the FFM system
 *       calls with the reused {@code struct mfcctl}: what the C program does;</li>
 *   <li>{@code plane}: {@link LinuxPlane#install} + {@link LinuxPlane#remove} with prepared {@link
 *       ForwardingEntry}s, what the MGM calls (entry table, VIF lookup, then the same calls).</li>
 * </ul>
 *
 * Usage: {@code MfcBenchmark IFINDEX0 IFINDEX1 PAIRS ROUNDS WARMUP_ROUNDS}, as root in a throwaway
 * network namespace whose two interfaces become VIF 0 and 1. Prints per round and then {@code
 * <path> best N}, {@code <path> median N} in pairs per second, and the bytes allocated per pair.
 */
public final class MfcBenchmark {

    private static final int SOURCES = 1 << 16;
    private static final int GROUP = 0xef010101;

    private MfcBenchmark() {
    }

    /**
     * Runs both paths.
     *
     * @param args IFINDEX0 IFINDEX1 PAIRS ROUNDS WARMUP_ROUNDS
     * @throws Exception if the plane cannot start
     */
    public static void main(String[] args) throws Exception {
        int if0 = Integer.parseInt(args[0]);
        int if1 = Integer.parseInt(args[1]);
        long pairs = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);

        try (MrouteSocket socket = MrouteSocket.open(-1, true)) {
            socket.addVif(0, if0);
            socket.addVif(1, if1);
            measure("socket", pairs, rounds, warmup, () -> {
                for (long i = 0; i < pairs; i++) {
                    int source = 0x0a000000 | (int) (i & 0xffff);
                    socket.addMfc(source, GROUP, 0, 1 << 1);
                    socket.delMfc(source, GROUP);
                }
            });
        }

        LinuxPlane plane = LinuxPlane.start(LinuxPlaneSettings.DEFAULTS);
        try {
            InterfaceId in = InterfaceId.of(if0);
            InterfaceId out = InterfaceId.of(if1);
            plane.addInterface(in);
            plane.addInterface(out);
            InetAddress group = InetAddress.getByName("239.1.1.1");
            ForwardingEntry[] entries = new ForwardingEntry[SOURCES];
            for (int i = 0; i < SOURCES; i++) {
                InetAddress s = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >>> 8), (byte) i});
                entries[i] = new ForwardingEntry(s, group, in, List.of(out));
            }
            measure("plane", pairs, rounds, warmup, () -> {
                for (long i = 0; i < pairs; i++) {
                    ForwardingEntry e = entries[(int) (i & 0xffff)];
                    plane.install(e);
                    plane.remove(e.source(), group);
                }
            });
        } finally {
            plane.shutdown();
        }
    }

    private static void measure(String path, long pairs, int rounds, int warmup, Runnable round) {
        for (int r = 0; r < warmup; r++) {
            round.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        long allocated = 0;
        for (int r = 0; r < rounds; r++) {
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            round.run();
            long t = System.nanoTime() - t0;
            allocated += threads.getCurrentThreadAllocatedBytes() - bytes;
            rates[r] = pairs * 1e9 / t;
            System.out.printf("%s round %d: %.0f pairs/s (%.0f ns/pair)%n", path, r + 1, rates[r], (double) t / pairs);
        }
        Arrays.sort(rates);
        System.out.printf("%s best %.0f%n%s median %.0f%n%s allocated %.2f bytes/pair%n", path, rates[rounds - 1], path,
                rates[rounds / 2], path, (double) allocated / (pairs * rounds));
    }
}
