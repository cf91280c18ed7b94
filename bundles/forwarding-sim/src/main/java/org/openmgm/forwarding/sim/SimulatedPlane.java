package org.openmgm.forwarding.sim;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.Prefix;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.spi.ReversePath;
import org.openmgm.api.RouteInfo;

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
public class SimulatedPlane implements ForwardingPlane, MulticastRouteLookup, PacketSimulator {

    static final int QUEUE_LIMIT = 4;
    static final long UNRESOLVED_MILLIS = 10_000;
    private static final int TTL = 64;

    /** One installed entry with its counters. */
    private static final class Entry {
        ForwardingEntry entry;
        long inPackets;
        long inOctets;
        long wrongInterface;
        long negative;
        long totalOut;
        final Map<InterfaceId, Long> outPackets = new HashMap<>(4);

        Entry(ForwardingEntry entry) {
            this.entry = entry;
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
    private final Map<SourceGroup, Entry> entries = new HashMap<>();
    private final Map<SourceGroup, Unresolved> unresolved = new HashMap<>();
    private final Map<InterfaceId, long[]> interfaces = new TreeMap<>();
    private final Map<Prefix, ReversePath> routes = new LinkedHashMap<>();
    private final List<MulticastRouteListener> routeListeners = new CopyOnWriteArrayList<>();
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
        routeListeners.add(listener);
    }

    /** Removes a route listener. */
    public void removeRouteListener(MulticastRouteListener listener) {
        routeListeners.remove(listener);
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
        SourceGroup sg = SourceGroup.of(entry.source(), entry.group());
        Entry e = entries.get(sg);
        if (e == null) {
            e = new Entry(entry);
            entries.put(sg, e);
        } else {
            e.entry = entry;
        }
        // Like ipmr_cache_resolve: the queued packets go through the new entry.
        Unresolved waiting = unresolved.remove(sg);
        if (waiting != null) {
            for (Pending p : waiting.packets) {
                forward(e, p.arrival(), p.length());
            }
        }
    }

    @Override
    public synchronized void remove(InetAddress source, InetAddress group) {
        entries.remove(SourceGroup.of(source, group));
    }

    @Override
    public synchronized Optional<MfeCounters> counters(InetAddress source, InetAddress group) {
        Entry e = entries.get(SourceGroup.of(source, group));
        if (e == null) {
            return Optional.empty();
        }
        Map<InterfaceId, MfeCounters.OifCounters> oifs = new TreeMap<>();
        for (InterfaceId oif : e.entry.outgoing()) {
            oifs.put(oif, new MfeCounters.OifCounters(0, 0, e.outPackets.getOrDefault(oif, 0L), 0));
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
            return delivery(Outcome.DROPPED_CLOSED, Collections.emptySortedSet());
        }
        long[] in = interfaces.get(arrival);
        if (in == null) {
            return delivery(Outcome.DROPPED_NOT_ENABLED, Collections.emptySortedSet());
        }
        in[0]++;
        in[1] += length;
        SourceGroup sg = SourceGroup.of(source, group);
        Entry e = entries.get(sg);
        if (e != null) {
            return forward(e, arrival, length);
        }
        long now = clock.millis();
        Unresolved waiting = unresolved.get(sg);
        if (waiting != null && now - waiting.since > UNRESOLVED_MILLIS) {
            unresolved.remove(sg);   // the kernel gives up on an unresolved entry after 10 s
            waiting = null;
        }
        if (waiting == null) {
            waiting = new Unresolved(now);
            unresolved.put(sg, waiting);
            waiting.packets.add(new Pending(arrival, length));
            upcalls.noCacheEntry(arrival, source, group, header(source, group, length));
            return delivery(Outcome.QUEUED, Collections.emptySortedSet());
        }
        if (waiting.packets.size() >= QUEUE_LIMIT) {
            return delivery(Outcome.DROPPED_QUEUE_FULL, Collections.emptySortedSet());
        }
        waiting.packets.add(new Pending(arrival, length));
        return delivery(Outcome.QUEUED, Collections.emptySortedSet());
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
            return delivery(Outcome.DROPPED_WRONG_INTERFACE, Collections.emptySortedSet());
        }
        if (f.outgoing().isEmpty()) {
            e.negative++;
            return delivery(Outcome.DROPPED_NEGATIVE, Collections.emptySortedSet());
        }
        SortedSet<InterfaceId> out = new TreeSet<>();
        for (InterfaceId oif : f.outgoing()) {
            long[] counters = interfaces.get(oif);
            if (counters == null) {
                continue;   // not (or no longer) an interface the MGM added
            }
            counters[2]++;
            counters[3] += length;
            e.outPackets.merge(oif, 1L, Long::sum);
            e.totalOut++;
            out.add(oif);
        }
        return delivery(Outcome.FORWARDED, out);
    }

    private static Delivery delivery(Outcome outcome, SortedSet<InterfaceId> to) {
        return new Delivery(outcome, to);
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
        entries.forEach((k, v) -> copy.put(k, v.entry));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public synchronized Map<InterfaceId, InterfaceCounters> interfaces() {
        Map<InterfaceId, InterfaceCounters> copy = new TreeMap<>();
        interfaces.forEach((k, c) -> copy.put(k, new InterfaceCounters(c[0], c[1], c[2], c[3])));
        return Collections.unmodifiableMap(copy);
    }

    // ---------------------------------------------------------------- routes (MulticastRouteLookup)

    @Override
    public void addRoute(Prefix destination, InterfaceId ifId, InetAddress nextHop) {
        synchronized (this) {
            routes.put(destination, new ReversePath(ifId, nextHop, new RouteInfo(STATIC_ROUTE_PROTOCOL, destination)));
        }
        announce(destination);
    }

    @Override
    public boolean removeRoute(Prefix destination) {
        boolean removed;
        synchronized (this) {
            removed = routes.remove(destination) != null;
        }
        if (removed) {
            announce(destination);
        }
        return removed;
    }

    /** Replaces all routes (configuration) and announces the change once for everything. */
    void replaceRoutes(Map<Prefix, ReversePath> newRoutes) {
        synchronized (this) {
            routes.clear();
            routes.putAll(newRoutes);
        }
        announce(Prefix.ANY_V4);
    }

    /** The route protocol number the simulated routes carry (Linux's RTPROT_STATIC). */
    static final int STATIC_ROUTE_PROTOCOL = 4;

    private void announce(Prefix prefix) {
        for (MulticastRouteListener l : routeListeners) {
            l.routesChanged(prefix);
        }
    }

    @Override
    public Optional<ReversePath> routeToward(InetAddress source) {
        return lookup(source);
    }

    @Override
    public synchronized Optional<ReversePath> lookup(InetAddress source) {
        ReversePath best = null;
        int bestLength = -1;
        for (Map.Entry<Prefix, ReversePath> r : routes.entrySet()) {
            Prefix p = r.getKey();
            if (p.length() > bestLength && p.contains(source)) {
                best = r.getValue();
                bestLength = p.length();
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "simulated plane";
    }
}
