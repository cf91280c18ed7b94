package org.openmgm.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.api.SourceGroup;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.ReversePath;

/**
 * Heap retained by N (S,G) MFEs with their memberships (issue target: at most 256 MB for 1 M):
 * each MFE has its own (S,G) membership on one of 32 interfaces and is created through the
 * new-packet upcall. Measured as the growth of the used heap after full collections, once with a
 * plane that stores nothing (the MGM core alone) and once with the simulated plane's table too.
 * Run: {@code java -Xmx6g -cp benchmarks.jar org.openmgm.benchmarks.MemoryFootprint [N]}.
 */
public final class MemoryFootprint {

    private MemoryFootprint() {
    }

    /** A plane that keeps nothing, so that only the MGM's own state is measured. */
    static final class NullPlane implements ForwardingPlane {
        ForwardingUpcalls upcalls;

        @Override
        public void open(ForwardingUpcalls u) {
            upcalls = u;
        }

        @Override
        public void close() {
        }

        @Override
        public void addInterface(InterfaceId ifId) {
        }

        @Override
        public void removeInterface(InterfaceId ifId) {
        }

        @Override
        public void install(ForwardingEntry entry) {
        }

        @Override
        public void remove(InetAddress source, InetAddress group) {
        }

        @Override
        public Optional<MfeCounters> counters(InetAddress source, InetAddress group) {
            return Optional.empty();
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        NullPlane nothing = new NullPlane();
        long core = measure(n, nothing, () -> nothing.upcalls);
        SimulatedPlane sim = new SimulatedPlane(Clock.systemUTC());
        long withPlane = measure(n, sim, null);
        System.out.printf(Locale.ROOT, "MEMORY %,d (S,G) MFEs, each with its (S,G) membership:%n", n);
        System.out.printf(Locale.ROOT, "MEMORY   MGM core alone:              %7.1f MB  (%d bytes per MFE+membership)%n",
                core / 1e6, core / n);
        System.out.printf(Locale.ROOT, "MEMORY   with the simulated plane:    %7.1f MB  (%d bytes per MFE+membership)%n",
                withPlane / 1e6, withPlane / n);
    }

    private static long measure(int n, ForwardingPlane plane, java.util.function.Supplier<ForwardingUpcalls> direct)
            throws InterruptedException {
        InterfaceId upstream = InterfaceId.of(1);
        org.openmgm.spi.MulticastRouteLookup toUpstream = source -> Optional.of(
                new ReversePath(upstream, Routers.address(0x0A000001), new RouteInfo(4, Prefix.ANY_V4)));
        Routers router = new Routers(plane, toUpstream, 2);
        router.protocols.get(0).takeInterface(upstream);
        for (int i = 0; i < 32; i++) {
            router.protocols.get(1).takeInterface(InterfaceId.of(2 + i));
        }
        InetAddress group = Routers.address(0xEF010101);
        long before = usedHeap();
        ByteBuffer noHeader = ByteBuffer.allocate(0);
        for (int i = 0; i < n; i++) {
            InetAddress source = Routers.address(0x0B000000 + i);
            InterfaceId oif = InterfaceId.of(2 + i % 32);
            router.protocols.get(1).addMembership(SourceGroup.of(source, group), oif);
            if (direct != null) {
                direct.get().noCacheEntry(upstream, source, group, noHeader);
            } else {
                ((SimulatedPlane) plane).inject(upstream, source, group, 100);
            }
            if ((i & 1023) == 0) {
                router.scheduler.runPending();
            }
        }
        router.scheduler.runPending();
        long count = router.mgm.mfes().count();
        if (count != n) {
            throw new IllegalStateException("expected " + n + " MFEs, have " + count);
        }
        long after = usedHeap();
        // Keep everything reachable until measured.
        if (router.mgm.memberships().size() != n) {
            throw new IllegalStateException("memberships");
        }
        router.mgm.stop();
        return after - before;
    }

    private static long usedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
