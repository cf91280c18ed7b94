package org.openmgm.protocol.staticroutes;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.SourceGroup;

/**
 * The active static routes, immutable, with the lookup the MGM's multicast view and the
 * protocol's callbacks use: the most specific route for data from S to G — the (S,G) route, else
 * the (*,G) route, else the longest (*,G/len) prefix route that holds G (smcroute's precedence).
 * Read on any thread without locking; a new table replaces the old one on every change.
 */
final class RouteTable {

    static final RouteTable EMPTY = new RouteTable(List.of());

    private final Map<SourceGroup, ResolvedRoute> exact = new HashMap<>();
    private final List<ResolvedRoute> prefixes = new ArrayList<>();
    private final List<ResolvedRoute> all;

    RouteTable(Collection<ResolvedRoute> routes) {
        this.all = List.copyOf(routes);
        for (ResolvedRoute r : routes) {
            StaticRoute s = r.route();
            switch (s.kind()) {
                case SOURCE_GROUP -> exact.put(SourceGroup.of(s.source(), s.group().address()), r);
                case ANY_SOURCE -> exact.put(SourceGroup.anySource(s.group().address()), r);
                case GROUP_PREFIX -> prefixes.add(r);
            }
        }
        prefixes.sort(Comparator.comparingInt((ResolvedRoute r) -> r.route().group().length()).reversed());
    }

    /** The route for data from a source to a group, or {@code null}. */
    ResolvedRoute match(InetAddress source, InetAddress group) {
        if (exact.isEmpty() && prefixes.isEmpty()) {
            return null;
        }
        ResolvedRoute r = exact.get(SourceGroup.of(source, group));
        if (r == null) {
            r = exact.get(SourceGroup.anySource(group));
        }
        if (r == null) {
            for (ResolvedRoute p : prefixes) {
                if (p.route().group().contains(group)) {
                    return p;
                }
            }
        }
        return r;
    }

    List<ResolvedRoute> all() {
        return all;
    }

    int size() {
        return all.size();
    }
}
