package org.openmgm.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Memory of IGMP router state (issue figure: 100 k groups × 8 sources): the growth of the used
 * heap, after full collections, when one interface learns {@code groups} groups by IGMPv3 reports —
 * once with no sources (EXCLUDE {}: the cost of a group), once with {@code sources} sources each
 * (ALLOW: INCLUDE mode, each source with its own timer) — with IGMP alone, and with the MGM
 * holding the memberships IGMP's client gives it ((*,G), or one (S,G) per source).
 *
 * <p>{@code java -cp benchmarks.jar org.openmgm.benchmarks.IgmpMemoryFootprint [groups] [sources]}
 */
public final class IgmpMemoryFootprint {

    private IgmpMemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int sources = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long bareIgmp = measure(false, groups, 0);
        long fullIgmp = measure(false, groups, sources);
        long bareAll = measure(true, groups, 0);
        long fullAll = measure(true, groups, sources);
        long sourceRecords = (long) groups * sources;
        System.out.printf(Locale.ROOT, "MEMORY IGMP state, %,d groups x %d sources on one interface:%n", groups, sources);
        System.out.printf(Locale.ROOT, "MEMORY   IGMP alone:   %7.1f MB; %4d bytes per group, %4d bytes per source record%n",
                fullIgmp / 1e6, bareIgmp / groups, (fullIgmp - bareIgmp) / sourceRecords);
        System.out.printf(Locale.ROOT, "MEMORY   IGMP + MGM:   %7.1f MB; %4d bytes per group, %4d bytes per source record "
                + "(with its (S,G) membership)%n", fullAll / 1e6, bareAll / groups, (fullAll - bareAll) / sourceRecords);
    }

    private static long measure(boolean withMgm, int groups, int sources) throws InterruptedException {
        long before = usedHeap();
        IgmpRig rig = new IgmpRig(withMgm, groups);
        InetAddress[] sourceAddresses = new InetAddress[sources];
        for (int s = 0; s < sources; s++) {
            sourceAddresses[s] = Routers.address(0x0A630000 + s);          // 10.99.0.x
        }
        for (int g = 0; g < groups; g++) {
            InetAddress group = Routers.address(0xEF000000 + g);           // 239.0.x.y
            rig.receive(sources == 0 ? IgmpReports.v3(IgmpReports.CHANGE_TO_EXCLUDE, group)
                    : IgmpReports.v3(IgmpReports.ALLOW_NEW_SOURCES, group, sourceAddresses));
        }
        long after = usedHeap();
        int learnt = rig.igmp.interfaceStatus(IgmpRig.DOWNSTREAM).orElseThrow().groups();
        if (learnt != groups) {
            throw new IllegalStateException("expected " + groups + " groups, IGMP has " + learnt);
        }
        long memberships = rig.mgm.mgm.memberships().size();
        long expected = withMgm ? (sources == 0 ? groups : (long) groups * sources) : 0;
        if (memberships != expected) {
            throw new IllegalStateException("expected " + expected + " memberships, the MGM has " + memberships);
        }
        rig.close();
        rig.mgm.mgm.stop();
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
