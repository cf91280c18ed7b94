package org.openmgm.forwarding.linux.netlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.forwarding.linux.sys.Inet4;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.ReversePath;
import org.openmgm.util.LongObjectMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multicast view for RPF (DESIGN.md "RPF route lookup"): a copy of one kernel unicast routing
 * table (main, 254, unless configured), loaded by an RTM_GETROUTE dump and kept current by
 * RTNLGRP_IPV4_ROUTE events, answering longest-prefix-match lookups from memory as {@link
 * MulticastRouteLookup} requires (it is called with the MGM's lock held).
 *
 * <p>Among routes to the same prefix the lowest metric ({@code RTA_PRIORITY}) wins; routes with a
 * TOS are ignored (RPF has no TOS); dead next hops are skipped, so a prefix whose routes are all
 * dead falls through to a shorter one, as in the kernel. A blackhole, unreachable or prohibit
 * route answers "no route". Multipath routes use their first live next hop. Each change is
 * announced to the {@link MulticastRouteListener}s with the prefix it concerns; a resync that
 * finds many differences announces {@code 0.0.0.0/0} once.
 */
public final class RouteTable implements MulticastRouteLookup {

    private static final Logger log = LoggerFactory.getLogger(RouteTable.class);
    private static final int RTN_UNICAST = 1;
    private static final int MANY = 64;

    private final int table;
    private final LongObjectMap<List<RtnlMessage.Route>> byPrefix = new LongObjectMap<>();
    private final int[] perLength = new int[33];             // how many prefixes of each length
    private final List<MulticastRouteListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates an empty view of one table.
     *
     * @param table the kernel routing table id (254 = main)
     */
    public RouteTable(int table) {
        this.table = table;
    }

    /**
     * Adds a listener.
     *
     * @param l the listener
     */
    public void addListener(MulticastRouteListener l) {
        listeners.add(l);
    }

    /**
     * Removes a listener.
     *
     * @param l the listener
     */
    public void removeListener(MulticastRouteListener l) {
        listeners.remove(l);
    }

    @Override
    public synchronized Optional<ReversePath> lookup(InetAddress source) {
        int address = Inet4.toInt(source);
        for (int length = 32; length >= 0; length--) {
            if (perLength[length] == 0) {
                continue;
            }
            List<RtnlMessage.Route> routes = byPrefix.get(key(address & Inet4.mask(length), length));
            RtnlMessage.Route best = null;
            for (int i = 0; routes != null && i < routes.size(); i++) {
                RtnlMessage.Route r = routes.get(i);
                if (!r.dead() && (best == null || Integer.compareUnsigned(r.priority(), best.priority()) < 0)) {
                    best = r;
                }
            }
            if (best != null) {
                return answer(best);      // made here, not kept: a full Internet table stays small
            }
        }
        return Optional.empty();
    }

    /**
     * Applies one event.
     *
     * @param r a route message
     * @return the prefix it changed, or {@code null} if it is not for this table or changed nothing
     */
    public synchronized Prefix apply(RtnlMessage.Route r) {
        if (!relevant(r)) {
            return null;
        }
        return put(r) ? prefix(r) : null;
    }

    /**
     * Replaces the table by a fresh dump (at start, after events were lost, after interface changes:
     * the kernel does not announce the routes it removes when a link goes down).
     *
     * @param dump the route messages of a dump
     * @return the prefixes whose routes differ from before
     */
    public synchronized Set<Prefix> replace(List<RtnlMessage> dump) {
        LongObjectMap<List<RtnlMessage.Route>> before = new LongObjectMap<>();
        byPrefix.forEachEntry(before::put);
        byPrefix.clear();
        java.util.Arrays.fill(perLength, 0);
        for (RtnlMessage m : dump) {
            if (m instanceof RtnlMessage.Route r && !r.deleted() && relevant(r)) {
                put(r);
            }
        }
        Set<Prefix> changed = new TreeSet<>();
        before.forEachEntry((k, routes) -> {
            if (!sameRoutes(routes, byPrefix.get(k))) {
                changed.add(prefix(routes.get(0)));
            }
        });
        byPrefix.forEachEntry((k, routes) -> {
            if (before.get(k) == null) {
                changed.add(prefix(routes.get(0)));
            }
        });
        return changed;
    }

    /**
     * Tells the listeners; call without holding locks.
     *
     * @param changed the changed prefixes
     */
    public void announce(Set<Prefix> changed) {
        if (changed.isEmpty()) {
            return;
        }
        Set<Prefix> tell = changed.size() > MANY ? Set.of(Prefix.ANY_V4) : changed;
        for (Prefix p : tell) {
            log.debug("Routes toward {} changed in table {}", p, table);
            for (MulticastRouteListener l : listeners) {
                try {
                    l.routesChanged(p);
                } catch (RuntimeException e) {
                    log.warn("Route listener {} failed", l, e);
                }
            }
        }
    }

    /**
     * Counts the prefixes held.
     *
     * @return how many distinct prefixes have routes
     */
    public synchronized int size() {
        return byPrefix.size();
    }

    private boolean relevant(RtnlMessage.Route r) {
        return r.table() == table && r.tos() == 0 && r.length() <= 32;
    }

    /** Adds, replaces (same metric) or deletes one route; tells whether anything changed. */
    private boolean put(RtnlMessage.Route r) {
        long k = key(r.destination() & Inet4.mask(r.length()), r.length());
        List<RtnlMessage.Route> routes = byPrefix.get(k);
        List<RtnlMessage.Route> next = routes == null ? new ArrayList<>(1) : new ArrayList<>(routes);
        RtnlMessage.Route old = null;
        for (RtnlMessage.Route e : next) {
            if (e.priority() == r.priority()) {
                old = e;
            }
        }
        if (old != null) {
            next.remove(old);
        }
        if (!r.deleted()) {
            next.add(r);
        }
        if (next.isEmpty()) {
            if (routes != null) {
                byPrefix.remove(k);
                perLength[r.length()]--;
            }
        } else {
            if (routes == null) {
                perLength[r.length()]++;
            }
            byPrefix.put(k, List.copyOf(next));
        }
        return r.deleted() ? old != null : old == null || !same(old, r);
    }

    private static Optional<ReversePath> answer(RtnlMessage.Route r) {
        if (r.type() != RTN_UNICAST || r.oif() <= 0) {
            return Optional.empty();      // blackhole, unreachable, prohibit, throw, local: no reverse path
        }
        return Optional.of(new ReversePath(InterfaceId.of(r.oif()), Inet4.toAddress(r.gateway()),
                new RouteInfo(r.protocol(), prefix(r))));
    }

    private static boolean sameRoutes(List<RtnlMessage.Route> a, List<RtnlMessage.Route> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Same route apart from the sequence number of the message that brought it. */
    private static boolean same(RtnlMessage.Route a, RtnlMessage.Route b) {
        return a.type() == b.type() && a.oif() == b.oif() && a.gateway() == b.gateway() && a.priority() == b.priority()
                && a.protocol() == b.protocol() && a.dead() == b.dead() && Objects.equals(prefix(a), prefix(b));
    }

    private static Prefix prefix(RtnlMessage.Route r) {
        return Prefix.of(Inet4.toAddress(r.destination() & Inet4.mask(r.length())), r.length());
    }

    private static long key(int destination, int length) {
        return (long) length << 32 | (destination & 0xffffffffL);
    }
}
