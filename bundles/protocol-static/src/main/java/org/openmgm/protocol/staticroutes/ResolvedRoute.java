package org.openmgm.protocol.staticroutes;

import java.util.List;
import java.util.Objects;

import org.openmgm.api.InterfaceId;

/**
 * A static route whose interfaces exist: the configured route with the interface ids its names
 * stand for now.
 *
 * @param route the configured route
 * @param from the inbound interface
 * @param to the outbound interfaces, in interface order
 */
record ResolvedRoute(StaticRoute route, InterfaceId from, List<InterfaceId> to) {

    ResolvedRoute {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(from, "from");
        to = to.stream().sorted().distinct().toList();
    }

    /** Whether two resolved routes route alike (same match, same interface ids). */
    boolean sameRouting(ResolvedRoute other) {
        return route.sameMatch(other.route) && from.equals(other.from) && to.equals(other.to);
    }
}
