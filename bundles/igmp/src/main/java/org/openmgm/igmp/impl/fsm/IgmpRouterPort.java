package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;

import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.spi.IgmpGroup;

/**
 * What the sans-I/O IGMP router of one interface does to the outside (DESIGN.md rule 5): it sends
 * queries and announces group state. The glue implements it with the packet I/O and the
 * membership listeners; tests implement it with lists.
 */
public interface IgmpRouterPort {

    /**
     * Send a query out of the interface (TTL 1, Router Alert, from the interface's address).
     *
     * @param query the query
     * @param destination 224.0.0.1 for general queries, the group for group(-and-source)-specific
     *     ones (RFC 3376 §4.1.12)
     */
    void sendQuery(MembershipQuery query, InetAddress destination);

    /**
     * The forwarding state of a group changed (RFC 3376 §6.3): called after every change of its
     * filter mode or of the set of sources to forward or block; INCLUDE with no source means the
     * group is gone.
     *
     * @param group its whole current state
     */
    void groupChanged(IgmpGroup group);
}
