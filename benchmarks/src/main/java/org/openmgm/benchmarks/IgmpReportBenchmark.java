package org.openmgm.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openmgm.igmp.impl.codec.IgmpCodec;
import org.openmgm.igmp.impl.codec.IgmpMessage;
import org.openmgm.igmp.impl.codec.MalformedIgmpException;

/**
 * IGMPv3 reports processed per second on one thread (issue target: at least 500 k/s through codec,
 * state machine and MGM on the simulated plane):
 * <ul>
 *   <li>{@code churnThroughMgm}: 4096 groups on one interface with fast leave; each report joins
 *       (TO_EX {}) or leaves (TO_IN {}) a group, so every one changes the MGM's membership — the
 *       packet copy and validation, the decode, the §6.4.2 table, the listener, the MGM's IGMP
 *       client and a membership add or delete with its alerts;</li>
 *   <li>{@code churnIgmpAlone}: the same without the MGM listening;</li>
 *   <li>{@code refreshJoinedGroups}: the steady state of a LAN, current-state reports (IS_EX {})
 *       for joined groups, which re-arm timers and change nothing;</li>
 *   <li>{@code baselineDecodeOnly}: decoding the same report, the codec alone.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IgmpReportBenchmark {

    static final int GROUPS = 4096;

    IgmpRig withMgm;
    IgmpRig alone;
    byte[][] joins;
    byte[][] leaves;
    byte[][] refreshes;
    int counter;

    @Setup(Level.Iteration)
    public void setUp() {
        withMgm = new IgmpRig(true, GROUPS);
        alone = new IgmpRig(false, GROUPS);
        joins = new byte[GROUPS][];
        leaves = new byte[GROUPS][];
        refreshes = new byte[GROUPS][];
        for (int g = 0; g < GROUPS; g++) {
            joins[g] = IgmpReports.v3(IgmpReports.CHANGE_TO_EXCLUDE, IgmpReports.group(g));
            leaves[g] = IgmpReports.v3(IgmpReports.CHANGE_TO_INCLUDE, IgmpReports.group(g));
            refreshes[g] = IgmpReports.v3(IgmpReports.MODE_IS_EXCLUDE, IgmpReports.group(g));
        }
        counter = 0;
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        withMgm.close();
        alone.close();
    }

    @Benchmark
    public void churnThroughMgm() {
        int c = counter++;
        int g = c % GROUPS;
        withMgm.receive((c / GROUPS & 1) == 0 ? joins[g] : leaves[g]);
    }

    @Benchmark
    public void churnIgmpAlone() {
        int c = counter++;
        int g = c % GROUPS;
        alone.receive((c / GROUPS & 1) == 0 ? joins[g] : leaves[g]);
    }

    @Benchmark
    public void refreshJoinedGroups() {
        int c = counter++;
        withMgm.receive(refreshes[c % GROUPS]);
    }

    @Benchmark
    public IgmpMessage baselineDecodeOnly() throws MalformedIgmpException {
        return IgmpCodec.decode(joins[counter++ % GROUPS]);
    }
}
