package org.openmgm.spi;

import java.net.InetAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The multicast view of the routing table (spec §0.2 "MRIB", DESIGN.md "RPF route lookup"): the
 * MGM asks it for the reverse path toward a source when it creates an MFE and when it must find
 * the owner of the interface toward S for (S,G) alerts.
 *
 * <p>Published as a service. When several are registered the MGM asks them in order of {@code
 * service.ranking} (highest first) and takes the first answer, so static multicast routes can
 * override the unicast table. Implementations announce route changes to every {@link
 * MulticastRouteListener} service.
 *
 * <p>Called with the MGM's state lock held, on any thread: it must answer from memory, fast, and
 * never call back into the MGM.
 */
@ConsumerType
public interface MulticastRouteLookup {

    /**
     * Returns the longest-match reverse path toward a source.
     *
     * @param source a unicast address
     * @return the reverse path, or empty when this view has no route toward it
     */
    Optional<ReversePath> lookup(InetAddress source);

    /**
     * Returns the reverse path for data from a source to a group. The MGM asks this form, so that a
     * view can route by group too — static multicast routes such as {@code (*, 239.1.0.0/16) from
     * eth0} — ; the default ignores the group.
     *
     * @param source a unicast address
     * @param group the multicast group the data is sent to
     * @return the reverse path, or empty when this view has no route for it
     */
    default Optional<ReversePath> lookup(InetAddress source, InetAddress group) {
        return lookup(source);
    }
}
