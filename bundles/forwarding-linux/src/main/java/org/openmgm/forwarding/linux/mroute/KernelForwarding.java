package org.openmgm.forwarding.linux.mroute;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.forwarding.linux.sys.Inet4;
import org.openmgm.forwarding.linux.sys.SysException;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.util.LongHashSet;
import org.openmgm.util.LongObjectMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's multicast forwarding table as a {@link ForwardingPlane}, over a {@link
 * MrouteSocket}. It keeps what the MGM installed (to re-program entries when VIFs come and go and
 * to name the outgoing interfaces of counters) and behaves as the simulated plane does:
 *
 * <ul>
 *   <li>{@link #addInterface} creates a VIF lazily ({@code VIFF_USE_IFINDEX}) in the lowest free
 *       of the 32 slots; the 33rd fails with a message naming the interface;</li>
 *   <li>{@link #install} is one MRT_ADD_MFC (TTL threshold 1 on each outgoing VIF); an incoming
 *       interface without VIF gets an empty slot as parent (see {@link VifTable}), so packets that
 *       match are dropped as "wrong interface", and outgoing interfaces without VIF are left out;
 *       adding or removing that interface later re-programs the entries that name it;</li>
 *   <li>upcalls: IGMPMSG_NOCACHE and IGMPMSG_WRONGVIF go to {@link ForwardingUpcalls} on the
 *       reader thread; IGMPMSG_WHOLEPKT (only for a PIM register VIF, which this plane never makes)
 *       and IGMPMSG_WRVIFWHOLE (the kernel sends it right after the WRONGVIF of the same packet) are
 *       counted and dropped so that no wrong-interface packet is reported twice;</li>
 *   <li>{@link #counters}: SIOCGETSGCNT gives packets, bytes and wrong-interface packets per (S,G).
 *       The kernel keeps no per-entry count of packets sent per outgoing interface, so {@code
 *       totalOutPackets} and the per-interface counters are 0 (the {@link MfeCounters} contract
 *       for what a plane cannot count); {@link #vifCounters()} gives per-interface totals.</li>
 * </ul>
 *
 * Thread-safety: the MGM's calls are serialised on this object's monitor; the reader thread
 * reads an immutable snapshot of the VIF table and never takes the monitor.
 */
public final class KernelForwarding implements ForwardingPlane {

    /**
     * Counters of one VIF (SIOCGETVIFCNT), like {@code /proc/net/ip_mr_vif}.
     *
     * @param packetsIn packets that arrived on it
     * @param bytesIn their bytes
     * @param packetsOut packets forwarded out of it
     * @param bytesOut their bytes
     */
    public record VifCounters(long packetsIn, long bytesIn, long packetsOut, long bytesOut) {
    }

    private static final Logger log = LoggerFactory.getLogger(KernelForwarding.class);

    private final MrouteSocket socket;
    private final IntFunction<String> names;
    private final VifTable vifs = new VifTable();
    private final LongObjectMap<ForwardingEntry> entries = new LongObjectMap<>();
    /*
     * The kernel counts packets per entry, not per outgoing interface; it forwards each packet that
     * arrived on the right interface out of every outgoing one. So an interface's count is the
     * entry's forwarded packets since the interface was added: the forwarded count at that moment
     * is kept here (entries absent: every interface since the entry was installed).
     */
    private final LongObjectMap<Map<InterfaceId, Long>> oifBaselines = new LongObjectMap<>();
    private LongHashSet withoutIncomingVif = new LongHashSet();
    private volatile int[] vifView = new int[Mroute.MAXVIFS];
    private volatile ForwardingUpcalls upcalls;
    final LongAdder noCache = new LongAdder();
    final LongAdder wrongInterface = new LongAdder();
    final LongAdder ignoredUpcalls = new LongAdder();

    /**
     * Creates the plane over a socket that owns its table.
     *
     * @param socket the multicast routing socket
     * @param names describes an interface index for messages, e.g. {@code eth0 (if7)}
     */
    public KernelForwarding(MrouteSocket socket, IntFunction<String> names) {
        this.socket = socket;
        this.names = names;
    }

    @Override
    public void open(ForwardingUpcalls newUpcalls) {
        upcalls = newUpcalls;
    }

    @Override
    public synchronized void close() {
        upcalls = null;
        if (!socket.flush(true)) {
            // A kernel before 5.9 has no MRT_FLUSH: withdraw one by one.
            entries.forEachEntry((key, e) -> socket.delMfc((int) key, (int) (key >>> 32)));
            for (int v = 0; v < Mroute.MAXVIFS; v++) {
                if (vifs.ifIndexOf(v) != 0) {
                    socket.delVif(v);
                }
            }
        }
        entries.clear();
        oifBaselines.clear();
        withoutIncomingVif = new LongHashSet();
        vifs.clear();
        vifView = vifs.snapshot();
    }

    @Override
    public synchronized void addInterface(InterfaceId ifId) {
        if (ifId.isPointToMultipointLink()) {
            throw new IllegalArgumentException("the Linux plane cannot forward to one neighbour of " + describe(ifId)
                    + " (point-to-multipoint links are not supported)");
        }
        int ifIndex = ifId.ifIndex();
        if (vifs.vifOf(ifIndex) >= 0) {
            return;
        }
        int nowhereBefore = withoutIncomingVif.isEmpty() ? -1 : vifs.nowhere();
        int vif = vifs.pickFree();
        if (vif < 0) {
            throw new IllegalStateException("cannot forward multicast on " + describe(ifId) + ": the kernel allows at most "
                    + Mroute.MAXVIFS + " multicast interfaces (VIFs) per table and all are in use in table "
                    + socket.table() + "; release an interface first");
        }
        try {
            socket.addVif(vif, ifIndex);
        } catch (SysException e) {
            throw new IllegalStateException("cannot forward multicast on " + describe(ifId) + ": " + e.getMessage(), e);
        }
        vifs.occupy(vif, ifIndex);
        vifView = vifs.snapshot();
        log.debug("VIF {} is {}", vif, describe(ifId));
        boolean nowhereTaken = vif == nowhereBefore;
        reprogram(ifIndex, nowhereTaken);
    }

    @Override
    public synchronized void removeInterface(InterfaceId ifId) {
        int ifIndex = ifId.ifIndex();
        int vif = ifId.isPointToMultipointLink() ? -1 : vifs.vifOf(ifIndex);
        if (vif < 0) {
            return;
        }
        try {
            if (!socket.delVif(vif)) {
                log.debug("VIF {} of {} was gone already (the device went away)", vif, describe(ifId));
            }
        } finally {
            vifs.release(vif);
            vifView = vifs.snapshot();
        }
        reprogram(ifIndex, false);
    }

    @Override
    public synchronized void install(ForwardingEntry entry) {
        int source = Inet4.toInt(entry.source());
        int group = Inet4.toInt(entry.group());
        long key = (long) group << 32 | (source & 0xffffffffL);
        ForwardingEntry before = entries.get(key);
        Map<InterfaceId, Long> baselines = before == null ? Map.of() : baselines(key, source, group, before, entry);
        program(key, source, group, entry);
        entries.put(key, entry);
        if (baselines.isEmpty()) {
            oifBaselines.remove(key);
        } else {
            oifBaselines.put(key, baselines);
        }
    }

    /** The forwarded count at which each outgoing interface of the new entry started. */
    private Map<InterfaceId, Long> baselines(long key, int source, int group, ForwardingEntry before,
                                             ForwardingEntry after) {
        Map<InterfaceId, Long> old = oifBaselines.get(key);
        Map<InterfaceId, Long> result = new java.util.HashMap<>();
        long[] c = null;
        for (InterfaceId oif : after.outgoing()) {
            if (before.outgoing().contains(oif)) {
                long since = old == null ? 0 : old.getOrDefault(oif, 0L);
                if (since != 0) {
                    result.put(oif, since);
                }
            } else {
                if (c == null) {
                    c = new long[3];
                    try {
                        if (!socket.sgCounters(source, group, c)) {
                            c[0] = c[2] = 0;
                        }
                    } catch (SysException e) {
                        log.debug("No counters for the baseline of a new outgoing interface: {}", e.getMessage());
                        c[0] = c[2] = 0;
                    }
                }
                if (c[0] - c[2] != 0) {
                    result.put(oif, c[0] - c[2]);
                }
            }
        }
        return result.isEmpty() ? Map.of() : result;
    }

    @Override
    public synchronized void remove(InetAddress source, InetAddress group) {
        int s = Inet4.toInt(source);
        int g = Inet4.toInt(group);
        long key = (long) g << 32 | (s & 0xffffffffL);
        if (entries.remove(key) == null) {
            return;
        }
        oifBaselines.remove(key);
        if (!withoutIncomingVif.isEmpty() && withoutIncomingVif.remove(key) && withoutIncomingVif.isEmpty()) {
            vifs.forgetNowhere();
        }
        socket.delMfc(s, g);
    }

    @Override
    public Optional<MfeCounters> counters(InetAddress source, InetAddress group) {
        int s = Inet4.toInt(source);
        int g = Inet4.toInt(group);
        ForwardingEntry entry;
        Map<InterfaceId, Long> baselines;
        synchronized (this) {
            long key = (long) g << 32 | (s & 0xffffffffL);
            entry = entries.get(key);
            baselines = oifBaselines.get(key);
        }
        long[] c = new long[3];
        if (entry == null || !socket.sgCounters(s, g, c)) {
            return Optional.empty();
        }
        long forwarded = Math.max(0, c[0] - c[2]);          // the kernel counts wrong-interface packets in pktcnt
        Map<InterfaceId, MfeCounters.OifCounters> oifs = new TreeMap<>();
        long totalOut = 0;
        for (InterfaceId oif : entry.outgoing()) {
            long out = Math.max(0, forwarded - (baselines == null ? 0 : baselines.getOrDefault(oif, 0L)));
            oifs.put(oif, new MfeCounters.OifCounters(0, 0, out, 0));
            totalOut += out;
        }
        long negative = entry.outgoing().isEmpty() ? forwarded : 0;
        return Optional.of(new MfeCounters(c[0], c[1], c[2], 0, 0, negative, c[2] + negative, 0, totalOut, oifs));
    }

    /**
     * Reads the counters of every VIF.
     *
     * @return per interface, in interface order
     */
    public Map<InterfaceId, VifCounters> vifCounters() {
        int[] view = vifView;
        Map<InterfaceId, VifCounters> out = new TreeMap<>();
        long[] c = new long[4];
        for (int v = 0; v < view.length; v++) {
            if (view[v] != 0 && socket.vifCounters(v, c)) {
                out.put(InterfaceId.of(view[v]), new VifCounters(c[0], c[2], c[1], c[3]));
            }
        }
        return out;
    }

    /**
     * Returns the interfaces that have a VIF.
     *
     * @return VIF slot to interface, in slot order
     */
    public Map<Integer, InterfaceId> vifs() {
        int[] view = vifView;
        Map<Integer, InterfaceId> out = new TreeMap<>();
        for (int v = 0; v < view.length; v++) {
            if (view[v] != 0) {
                out.put(v, InterfaceId.of(view[v]));
            }
        }
        return out;
    }

    /**
     * Handles an upcall read by the socket reader (its thread).
     *
     * @param data the bytes, starting with {@code struct igmpmsg}
     * @param length how many
     */
    void upcall(MemorySegment data, long length) {
        Upcall u = Upcall.parse(data, length);
        ForwardingUpcalls to = upcalls;
        int[] view = vifView;
        int ifIndex = u == null || u.vif() >= view.length ? 0 : view[u.vif()];
        if (to == null || ifIndex == 0
                || (u.type() != Mroute.IGMPMSG_NOCACHE && u.type() != Mroute.IGMPMSG_WRONGVIF)) {
            ignoredUpcalls.increment();
            if (u != null && log.isDebugEnabled()) {
                log.debug("Ignored upcall type {} on VIF {} for ({}, {})", u.type(), u.vif(), Inet4.toString(u.source()),
                        Inet4.toString(u.group()));
            }
            return;
        }
        InterfaceId arrival = InterfaceId.of(ifIndex);
        InetAddress source = Inet4.toAddress(u.source());
        InetAddress group = Inet4.toAddress(u.group());
        ByteBuffer header = data.asSlice(0, u.headerLength()).asByteBuffer().asReadOnlyBuffer();
        if (u.type() == Mroute.IGMPMSG_NOCACHE) {
            noCache.increment();
            to.noCacheEntry(arrival, source, group, header);
        } else {
            wrongInterface.increment();
            to.wrongInterface(arrival, source, group, header);
        }
    }

    /** Programs one entry: parent and outgoing VIFs as the VIF table stands now. */
    private void program(long key, int source, int group, ForwardingEntry entry) {
        InterfaceId iif = entry.incoming();
        int parent = iif.isPointToMultipointLink() ? -1 : vifs.vifOf(iif.ifIndex());
        if (parent < 0) {
            parent = vifs.nowhere();
            if (parent < 0) {
                throw new IllegalStateException("cannot install (" + Inet4.toString(source) + ", " + Inet4.toString(group)
                        + "): its incoming interface " + describe(iif) + " has no VIF and all " + Mroute.MAXVIFS
                        + " VIF slots are in use");
            }
            withoutIncomingVif.add(key);
        } else if (!withoutIncomingVif.isEmpty() && withoutIncomingVif.remove(key) && withoutIncomingVif.isEmpty()) {
            vifs.forgetNowhere();
        }
        List<InterfaceId> out = entry.outgoing();
        int mask = 0;
        for (int i = 0; i < out.size(); i++) {
            InterfaceId oif = out.get(i);
            int vif = oif.isPointToMultipointLink() ? -1 : vifs.vifOf(oif.ifIndex());
            if (vif >= 0) {
                mask |= 1 << vif;
            }
        }
        try {
            socket.addMfc(source, group, parent, mask);
        } catch (SysException e) {
            throw new IllegalStateException("cannot install (" + Inet4.toString(source) + ", " + Inet4.toString(group)
                    + ") in table " + socket.table() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Re-programs the entries that name an interface whose VIF came or went, and, when a new VIF
     * took the slot entries without incoming VIF pointed at, those too.
     */
    private void reprogram(int ifIndex, boolean nowhereTaken) {
        entries.forEachEntry((key, e) -> {
            boolean names = e.incoming().ifIndex() == ifIndex;
            for (int i = 0; !names && i < e.outgoing().size(); i++) {
                names = e.outgoing().get(i).ifIndex() == ifIndex;
            }
            if (names || (nowhereTaken && withoutIncomingVif.contains(key))) {
                try {
                    program(key, (int) key, (int) (key >>> 32), e);
                } catch (IllegalStateException ex) {
                    log.warn("Could not re-program a forwarding entry after a VIF change: {}", ex.getMessage());
                }
            }
        });
    }

    private String describe(InterfaceId ifId) {
        return names.apply(ifId.ifIndex()) + (ifId.isPointToMultipointLink() ? "/" + ifId.nextHop().getHostAddress() : "");
    }

    @Override
    public String toString() {
        return "Linux kernel multicast forwarding (table " + socket.table() + ")";
    }
}
