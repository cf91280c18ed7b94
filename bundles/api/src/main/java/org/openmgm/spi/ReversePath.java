package org.openmgm.spi;

import java.net.InetAddress;
import java.util.Objects;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.RouteInfo;

/**
 * The reverse path toward a source: the interface data from it is expected on, the upstream
 * neighbour on that interface and the route used (spec §4.2, §5.8 step 2). Proposed by the
 * multicast view ({@link MulticastRouteLookup}) and possibly rewritten by the RPF callback of the
 * interface's owner.
 *
 * @param incoming the interface toward the source
 * @param upstreamNeighbor the next hop toward the source; the unspecified address when directly
 *     connected or unknown
 * @param route the route toward the source
 */
public record ReversePath(InterfaceId incoming, InetAddress upstreamNeighbor, RouteInfo route) {

    /**
     * Validates.
     *
     * @throws NullPointerException if an argument is null
     */
    public ReversePath {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(upstreamNeighbor, "upstreamNeighbor");
        Objects.requireNonNull(route, "route");
    }
}
