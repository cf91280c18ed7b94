package org.openmgm.benchmarks;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.SourceGroup;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.PacketSimulator;

/**
 * MFE creation through the simulated plane's new-packet upcall (issue target: at least 500 k/s):
 * each operation injects a packet of a new (S,G) on the interface toward the sources; the MGM
 * runs the route lookup, the RPF callback, creation alerts to the two protocols with candidate
 * interfaces, builds the entry, installs it in the plane (which forwards the queued packet) and
 * sends the MFE-level join alert.
 *
 * <p>Steady state, not a heap that only grows: time advances 1 ms per operation and entries live
 * {@value #LIFETIME_SECONDS} s, so about {@value #WINDOW} entries exist and each operation also
 * pays for the expiry of an old one (deletion from the table and the plane, deletion alerts).
 * Baselines in the same run, on the same window: the simulated plane alone resolving each miss
 * itself and removing the entry {@value #WINDOW} operations older (what a trivial daemon on the
 * same plane would do), and a bare {@code HashMap} put and remove of the same keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MfeCreationBenchmark {

    static final int LIFETIME_SECONDS = 100;
    static final int WINDOW = LIFETIME_SECONDS * 1000;
    static final java.time.Duration TICK = java.time.Duration.ofMillis(1);
    static final InterfaceId UPSTREAM = InterfaceId.of(1);
    static final InetAddress GROUP = Routers.address(0xEF010101);

    Routers router;
    SimulatedPlane plane;
    SimulatedPlane bare;
    HashMap<Long, Object> baseline;
    int next;

    @Setup(Level.Iteration)
    public void setUp() {
        plane = new SimulatedPlane(Clock.systemUTC());
        router = new Routers(plane, plane, 3, org.openmgm.core.impl.MgmSettings.from(
                java.util.Map.of("mfe.defaultTimeoutSec", LIFETIME_SECONDS), org.openmgm.core.impl.MgmSettings.DEFAULTS,
                (k, v) -> {
                    throw new IllegalArgumentException(k + v);
                }));
        router.spreadInterfaces(1, 3);
        plane.addRoute(Prefix.ANY_V4, UPSTREAM, Routers.address(0x0A000001));
        router.scheduler.runPending();
        router.ownerOf(2, 1).addMembership(SourceGroup.all(), InterfaceId.of(2));
        router.ownerOf(3, 1).addMembership(SourceGroup.all(), InterfaceId.of(3));

        bare = new SimulatedPlane(Clock.systemUTC());
        bare.open(new ForwardingUpcalls() {
            final java.util.List<InterfaceId> out = java.util.List.of(InterfaceId.of(2), InterfaceId.of(3));

            @Override
            public void noCacheEntry(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
                bare.install(new ForwardingEntry(source, group, arrival, out));
            }

            @Override
            public void wrongInterface(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
            }
        });
        for (int i = 1; i <= 3; i++) {
            bare.addInterface(InterfaceId.of(i));
        }
        baseline = new HashMap<>();
        next = 0x0B000001;
    }

    @Benchmark
    public PacketSimulator.Delivery mgmCreateMfe() {
        PacketSimulator.Delivery d = plane.inject(UPSTREAM, Routers.address(next++), GROUP, 100);
        router.scheduler.advance(TICK);          // runs the creation, and the expiry tick each second
        return d;
    }

    @Benchmark
    public PacketSimulator.Delivery baselinePlaneAloneResolvesMiss() {
        int source = next++;
        if (source - WINDOW >= 0x0B000001) {
            bare.remove(Routers.address(source - WINDOW), GROUP);
        }
        return bare.inject(UPSTREAM, Routers.address(source), GROUP, 100);
    }

    @Benchmark
    public Object baselineHashMapInsert() {
        long key = (long) next++ << 32 | 0xEF010101L;
        baseline.remove(key - ((long) WINDOW << 32));
        return baseline.put(key, Boolean.TRUE);
    }
}
