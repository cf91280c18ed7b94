package org.openmgm.forwarding.sim;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.Prefix;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.spi.ReversePath;
import org.openmgm.util.LongObjectMap;

/**
 * An in-memory multicast forwarding plane that behaves like the Linux kernel's (DESIGN.md "Linux
 * data plane facts"), for tests, demos and machines without root:
 *
 * <ul>
 *   <li>only interfaces the MGM added receive; a packet with no entry is queued (at most {@value
 *       #QUEUE_LIMIT} per (S,G)) and reported once with {@code noCacheEntry}; the queue is dropped
 *       after {@value #UNRESOLVED_MILLIS} ms without an entry, and a later packet reports again;</li>
 *   <li>installing the entry forwards the queued packets by it;</li>
 *   <li>a packet on another interface than the entry's incoming one is dropped, counted and
 *       reported with {@code wrongInterface}; a negative entry drops silently (counted);</li>
 *   <li>per-entry and per-interface counters as the kernel keeps them.</li>
 * </ul>
 *
 * It is also a multicast view (routes configured here answer RPF lookups, longest match first)
 * and tells its route listeners when routes change. Thread-safe: one monitor guards everything;
 * upcalls are made while holding it, which is safe because the MGM's upcall handlers only queue.
 */
public class SimulatedPlane implements ForwardingPlane, MulticastRouteLookup, PacketSimulator, IgmpPacketIo,
        InterfaceDirectory, HostMembership {

    static final int QUEUE_LIMIT = 4;
    static final long UNRESOLVED_MILLIS = 10_000;
    private static final int TTL = 64;

    /** One installed entry with its counters (per outgoing interface: by position in the entry's list). */
    private static final class Entry {
        ForwardingEntry entry;
        long inPackets;
        long inOctets;
        long wrongInterface;
        long negative;
        long totalOut;
        long[] outPackets;

        Entry(ForwardingEntry entry) {
            set(entry);
        }

        void set(ForwardingEntry newEntry) {
            long[] old = outPackets;
            List<InterfaceId> oldOifs = entry == null ? List.of() : entry.outgoing();
            entry = newEntry;
            outPackets = new long[newEntry.outgoing().size()];
            for (int i = 0; i < outPackets.length && old != null; i++) {
                int was = oldOifs.indexOf(newEntry.outgoing().get(i));
                outPackets[i] = was >= 0 ? old[was] : 0;   // an interface that stays keeps its count
            }
        }
    }

    /** Packets waiting for an entry. */
    private record Pending(InterfaceId arrival, int length) {
    }

    private static final class Unresolved {
        final long since;
        final List<Pending> packets = new ArrayList<>(QUEUE_LIMIT);

        Unresolved(long since) {
            this.since = since;
        }
    }

    private final Clock clock;
    /** Keyed by {@code group << 32 | source}, IPv4 as ints: millions of entries stay compact. */
    private final LongObjectMap<Entry> entries = new LongObjectMap<>();
    private final LongObjectMap<Unresolved> unresolved = new LongObjectMap<>();
    private final Map<InterfaceId, long[]> interfaces = new HashMap<>();
    private final SimulatedRoutes routes = new SimulatedRoutes();
    /** Simulated system interfaces and the IGMP link. */
    final SimulatedInterfaces links = new SimulatedInterfaces();
    private ForwardingUpcalls upcalls;

    /**
     * Creates a closed plane.
     *
     * @param clock the time source for the unresolved-queue timeout
     */
    public SimulatedPlane(Clock clock) {
        this.clock = clock;
    }

    /** Adds a route listener (plain-Java use; the OSGi component binds them from the registry). */
    public void addRouteListener(MulticastRouteListener listener) {
        routes.addListener(listener);
    }

    /** Removes a route listener. */
    public void removeRouteListener(MulticastRouteListener listener) {
        routes.removeListener(listener);
    }

    // ---------------------------------------------------------------- ForwardingPlane

    @Override
    public synchronized void open(ForwardingUpcalls upcalls) {
        this.upcalls = upcalls;
    }

    @Override
    public synchronized void close() {
        upcalls = null;
        entries.clear();
        unresolved.clear();
        interfaces.clear();
    }

    @Override
    public synchronized void addInterface(InterfaceId ifId) {
        interfaces.putIfAbsent(ifId, new long[4]);
    }

    @Override
    public synchronized void removeInterface(InterfaceId ifId) {
        interfaces.remove(ifId);
    }

    @Override
    public synchronized void install(ForwardingEntry entry) {
        long key = key(entry.source(), entry.group());
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry(entry);
            entries.put(key, e);
        } else {
            e.set(entry);
        }
        // Like ipmr_cache_resolve: the queued packets go through the new entry.
        Unresolved waiting = unresolved.remove(key);
        if (waiting != null) {
            for (Pending p : waiting.packets) {
                forward(e, p.arrival(), p.length());
            }
        }
    }

    @Override
    public synchronized void remove(InetAddress source, InetAddress group) {
        entries.remove(key(source, group));
    }

    @Override
    public synchronized Optional<MfeCounters> counters(InetAddress source, InetAddress group) {
        Entry e = entries.get(key(source, group));
        if (e == null) {
            return Optional.empty();
        }
        Map<InterfaceId, MfeCounters.OifCounters> oifs = new TreeMap<>();
        List<InterfaceId> out = e.entry.outgoing();
        for (int i = 0; i < out.size(); i++) {
            oifs.put(out.get(i), new MfeCounters.OifCounters(0, 0, e.outPackets[i], 0));
        }
        return Optional.of(new MfeCounters(e.inPackets, e.inOctets, e.wrongInterface, 0, 0, e.negative,
                e.wrongInterface + e.negative, 0, e.totalOut, oifs));
    }

    // ---------------------------------------------------------------- PacketSimulator

    @Override
    public synchronized Delivery inject(InterfaceId arrival, InetAddress source, InetAddress group, int length) {
        if (arrival == null || !(source instanceof Inet4Address) || !(group instanceof Inet4Address)
                || !group.isMulticastAddress() || source.isMulticastAddress() || length <= 0) {
            throw new IllegalArgumentException("inject needs an interface, a unicast IPv4 source, a multicast"
                    + " IPv4 group and a positive length");
        }
        if (upcalls == null) {
            return delivery(Outcome.DROPPED_CLOSED);
        }
        long[] in = interfaces.get(arrival);
        if (in == null) {
            return delivery(Outcome.DROPPED_NOT_ENABLED);
        }
        in[0]++;
        in[1] += length;
        long key = key(source, group);
        Entry e = entries.get(key);
        if (e != null) {
            return forward(e, arrival, length);
        }
        long now = clock.millis();
        Unresolved waiting = unresolved.get(key);
        if (waiting != null && now - waiting.since > UNRESOLVED_MILLIS) {
            unresolved.remove(key);   // the kernel gives up on an unresolved entry after 10 s
            waiting = null;
        }
        if (waiting == null) {
            waiting = new Unresolved(now);
            unresolved.put(key, waiting);
            waiting.packets.add(new Pending(arrival, length));
            upcalls.noCacheEntry(arrival, source, group, header(source, group, length));
            return delivery(Outcome.QUEUED);
        }
        if (waiting.packets.size() >= QUEUE_LIMIT) {
            return delivery(Outcome.DROPPED_QUEUE_FULL);
        }
        waiting.packets.add(new Pending(arrival, length));
        return delivery(Outcome.QUEUED);
    }

    /** Forwards one packet by an entry, counting as the kernel does (ip_mr_forward). */
    private Delivery forward(Entry e, InterfaceId arrival, int length) {
        e.inPackets++;
        e.inOctets += length;
        ForwardingEntry f = e.entry;
        if (!f.incoming().equals(arrival)) {
            e.wrongInterface++;
            if (upcalls != null) {
                upcalls.wrongInterface(arrival, f.source(), f.group(), header(f.source(), f.group(), length));
            }
            return delivery(Outcome.DROPPED_WRONG_INTERFACE);
        }
        List<InterfaceId> oifs = f.outgoing();
        if (oifs.isEmpty()) {
            e.negative++;
            return delivery(Outcome.DROPPED_NEGATIVE);
        }
        List<InterfaceId> skipped = null;
        for (int i = 0; i < oifs.size(); i++) {
            long[] counters = interfaces.get(oifs.get(i));
            if (counters == null) {
                skipped = skipped == null ? new ArrayList<>() : skipped;   // not (or no longer) added
                skipped.add(oifs.get(i));
                continue;
            }
            counters[2]++;
            counters[3] += length;
            e.outPackets[i]++;
            e.totalOut++;
        }
        if (skipped == null) {
            return new Delivery(Outcome.FORWARDED, oifs);
        }
        List<InterfaceId> sent = new ArrayList<>(oifs);
        sent.removeAll(skipped);
        return new Delivery(Outcome.FORWARDED, sent);
    }

    private static Delivery delivery(Outcome outcome) {
        return new Delivery(outcome, List.of());
    }

    private static long key(InetAddress source, InetAddress group) {
        return (long) toInt(group) << 32 | (toInt(source) & 0xffffffffL);
    }

    private static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** A 20-byte IPv4 header of a UDP packet from S to G, what the RPF callback may inspect. */
    private static ByteBuffer header(InetAddress source, InetAddress group, int length) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) 0x45).put((byte) 0).putShort((short) Math.min(length, 0xffff));
        b.putShort((short) 0).putShort((short) 0);
        b.put((byte) TTL).put((byte) 17).putShort((short) 0);
        b.put(source.getAddress()).put(group.getAddress());
        return b.flip().asReadOnlyBuffer();
    }

    @Override
    public synchronized Map<SourceGroup, ForwardingEntry> entries() {
        Map<SourceGroup, ForwardingEntry> copy = new TreeMap<>();
        entries.forEachEntry((k, v) -> copy.put(SourceGroup.of(v.entry.source(), v.entry.group()), v.entry));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public synchronized Map<InterfaceId, InterfaceCounters> interfaceCounters() {
        Map<InterfaceId, InterfaceCounters> copy = new TreeMap<>();
        interfaces.forEach((k, c) -> copy.put(k, new InterfaceCounters(c[0], c[1], c[2], c[3])));
        return Collections.unmodifiableMap(copy);
    }

    // ---------------------------------------------------------------- routes (MulticastRouteLookup)

    @Override
    public void addRoute(Prefix destination, InterfaceId ifId, InetAddress nextHop) {
        routes.add(destination, ifId, nextHop);
    }

    @Override
    public boolean removeRoute(Prefix destination) {
        return routes.remove(destination);
    }

    /** Replaces all routes (configuration) and announces the change once for everything. */
    void replaceRoutes(Map<Prefix, ReversePath> newRoutes) {
        routes.replace(newRoutes);
    }

    /** The route protocol number the simulated routes carry (Linux's RTPROT_STATIC). */
    static final int STATIC_ROUTE_PROTOCOL = SimulatedRoutes.STATIC_ROUTE_PROTOCOL;

    @Override
    public Optional<ReversePath> routeToward(InetAddress source) {
        return routes.lookup(source);
    }

    @Override
    public Optional<ReversePath> lookup(InetAddress source) {
        return routes.lookup(source);
    }

    // ---------------------------------------------------------------- interfaces and IGMP I/O

    /** Adds an interface listener (plain-Java use; the OSGi component binds them from the registry). */
    public void addInterfaceListener(InterfaceListener listener) {
        links.addListener(listener);
    }

    /** Removes an interface listener. */
    public void removeInterfaceListener(InterfaceListener listener) {
        links.removeListener(listener);
    }

    @Override
    public void defineInterface(NetworkInterfaceInfo info) {
        links.define(info);
    }

    @Override
    public boolean undefineInterface(InterfaceId ifId) {
        return links.undefine(ifId);
    }

    @Override
    public boolean injectIgmp(IgmpPacket packet) {
        return links.inject(packet);
    }

    @Override
    public List<SentIgmp> takeSentIgmp() {
        return links.takeSent();
    }

    @Override
    public void startReceiving(Consumer<IgmpPacket> receiver) {
        links.startReceiving(receiver);
    }

    @Override
    public void stopReceiving() {
        links.stopReceiving();
    }

    @Override
    public void enable(InterfaceId ifId) {
        links.enable(ifId);
    }

    @Override
    public void disable(InterfaceId ifId) {
        links.disable(ifId);
    }

    @Override
    public void send(InterfaceId ifId, InetAddress destination, byte[] message) {
        links.send(ifId, destination, message);
    }

    @Override
    public void setFilter(InterfaceId ifId, InetAddress group, FilterMode mode, Set<InetAddress> sources) {
        links.setFilter(ifId, group, mode, sources);
    }

    @Override
    public Map<InetAddress, IgmpGroup> filters(InterfaceId ifId) {
        return links.filters(ifId);
    }

    @Override
    public List<NetworkInterfaceInfo> interfaces() {
        return links.interfaces();
    }

    @Override
    public Optional<NetworkInterfaceInfo> byName(String name) {
        return links.byName(name);
    }

    @Override
    public Optional<NetworkInterfaceInfo> byId(InterfaceId id) {
        return links.byId(id);
    }

    @Override
    public String toString() {
        return "simulated plane";
    }
}
