package org.openmgm.api;

import java.util.Objects;

/**
 * The route toward a source that an MFE was built from (spec §2.7.3 dwRouteProtocol,
 * dwRouteNetwork, dwRouteMask): the protocol that created the route and its destination prefix.
 *
 * @param protocol the number of the protocol that created the route (for Linux routes the
 *     kernel's route protocol, e.g. 2 for kernel, 4 for static); 0 when unknown
 * @param network the route's destination prefix
 */
public record RouteInfo(int protocol, Prefix network) {

    /** No route: protocol 0, network {@code 0.0.0.0/0} (spec [RES Q11]). */
    public static final RouteInfo NONE = new RouteInfo(0, Prefix.ANY_V4);

    /**
     * Validates.
     *
     * @throws NullPointerException if the network is null
     */
    public RouteInfo {
        Objects.requireNonNull(network, "network");
    }
}
