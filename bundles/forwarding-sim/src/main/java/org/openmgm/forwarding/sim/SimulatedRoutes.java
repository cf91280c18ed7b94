package org.openmgm.forwarding.sim;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.ReversePath;

/**
 * The simulated plane's multicast view: configured routes, answered longest match first, and the
 * route listeners told of every change. Thread-safe.
 */
final class SimulatedRoutes {

    /** The route protocol number the simulated routes carry (Linux's RTPROT_STATIC). */
    static final int STATIC_ROUTE_PROTOCOL = 4;

    private final Map<Prefix, ReversePath> routes = new LinkedHashMap<>();
    private final List<MulticastRouteListener> listeners = new CopyOnWriteArrayList<>();

    void addListener(MulticastRouteListener l) {
        listeners.add(l);
    }

    void removeListener(MulticastRouteListener l) {
        listeners.remove(l);
    }

    void add(Prefix destination, InterfaceId ifId, InetAddress nextHop) {
        synchronized (this) {
            routes.put(destination, new ReversePath(ifId, nextHop, new RouteInfo(STATIC_ROUTE_PROTOCOL, destination)));
        }
        announce(destination);
    }

    boolean remove(Prefix destination) {
        boolean removed;
        synchronized (this) {
            removed = routes.remove(destination) != null;
        }
        if (removed) {
            announce(destination);
        }
        return removed;
    }

    /** Replaces all routes and announces the change once for everything. */
    void replace(Map<Prefix, ReversePath> newRoutes) {
        synchronized (this) {
            routes.clear();
            routes.putAll(newRoutes);
        }
        announce(Prefix.ANY_V4);
    }

    synchronized Optional<ReversePath> lookup(InetAddress source) {
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

    private void announce(Prefix prefix) {
        for (MulticastRouteListener l : listeners) {
            l.routesChanged(prefix);
        }
    }
}
