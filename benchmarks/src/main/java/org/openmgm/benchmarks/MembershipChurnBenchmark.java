package org.openmgm.benchmarks;

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
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.forwarding.sim.SimulatedPlane;

/**
 * Membership churn (issue target: at least 1 M operations/s on one thread): (*,G) and (S,G) adds
 * and deletes across 32 interfaces owned by 3 protocols whose callbacks do nothing. A pass adds
 * every (key, interface) pair of 256 (*,G) and 256 (S,G) keys, the next pass deletes them all, so
 * every operation changes state and the first/last-component alerts fire. Baseline: a {@code
 * HashMap} put/remove of the same pairs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MembershipChurnBenchmark {

    static final int INTERFACES = 32;
    static final int KEYS = 512;
    static final int PAIRS = INTERFACES * KEYS;

    Routers router;
    SourceGroup[] keys;
    InterfaceId[] interfaces;
    ProtocolRegistration[] owners;
    HashMap<Long, Object> baseline;
    int counter;

    @Setup(Level.Iteration)
    public void setUp() {
        router = new Routers(new SimulatedPlane(java.time.Clock.systemUTC()), null, 3);
        router.spreadInterfaces(1, INTERFACES);
        keys = new SourceGroup[KEYS];
        for (int k = 0; k < KEYS; k++) {
            int group = 0xEF000000 | (k & 0xff) + 1;   // 239.0.0.1 ...
            keys[k] = k < KEYS / 2 ? SourceGroup.anySource(Routers.address(group))
                    : SourceGroup.of(Routers.address(0x0A000000 | k), Routers.address(group));
        }
        interfaces = new InterfaceId[INTERFACES];
        owners = new ProtocolRegistration[INTERFACES];
        for (int i = 0; i < INTERFACES; i++) {
            interfaces[i] = InterfaceId.of(1 + i);
            owners[i] = router.ownerOf(1 + i, 1);
        }
        baseline = new HashMap<>();
        counter = 0;
    }

    @Benchmark
    public void mgmMembershipAddDelete() {
        int c = counter++;
        int pair = c % PAIRS;
        int i = pair % INTERFACES;
        SourceGroup key = keys[pair / INTERFACES];
        if ((c / PAIRS & 1) == 0) {
            owners[i].addMembership(key, interfaces[i]);
        } else {
            owners[i].deleteMembership(key, interfaces[i]);
        }
    }

    @Benchmark
    public Object baselineHashMapPutRemove() {
        int c = counter++;
        long pair = c % PAIRS;
        return (c / PAIRS & 1) == 0 ? baseline.put(pair, Boolean.TRUE) : baseline.remove(pair);
    }
}
