package org.openmgm.spi;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * This router as a host: its own group membership on an interface, with RFC 3376 source
 * filters — what an IGMP proxy (RFC 4605) presents on its upstream interface. A plane implements
 * it with the system's own host stack, so that the system speaks the host side of IGMP (RFC 3376
 * §5): it sends state-change reports, answers queries and falls back to IGMPv2 or v1 reports
 * when an older querier is present (§7.2). On Linux that is the kernel, driven through socket
 * options (MCAST_JOIN_GROUP, MCAST_MSFILTER); the simulated plane records the state. Published
 * by a plane bundle with the {@value ForwardingPlane#NAME} property. Thread-safe.
 */
@ConsumerType
public interface HostMembership {

    /**
     * Sets this router's filter for one group on one interface (RFC 3376 §3.1
     * IPMulticastListen): INCLUDE with no source leaves the group.
     *
     * @param ifId the interface
     * @param group the group
     * @param mode the filter mode
     * @param sources the sources included (INCLUDE) or excluded (EXCLUDE)
     * @throws IllegalArgumentException if an argument is malformed or the interface is unknown
     * @throws IllegalStateException if the system refuses (the message says why)
     */
    void setFilter(InterfaceId ifId, InetAddress group, FilterMode mode, Set<InetAddress> sources);

    /**
     * Returns this router's filters on an interface.
     *
     * @param ifId the interface
     * @return the joined groups with their state (INCLUDE with no source never appears)
     */
    Map<InetAddress, IgmpGroup> filters(InterfaceId ifId);
}
