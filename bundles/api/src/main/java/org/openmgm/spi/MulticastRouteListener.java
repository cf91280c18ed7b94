package org.openmgm.spi;

import org.openmgm.api.Prefix;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when routes of a {@link MulticastRouteLookup} change (whiteboard: the MGM registers one;
 * route providers call every registered listener). The MGM then deletes the MFEs whose source lies
 * in the prefix so that the next packet re-runs RPF and creation alerts (spec [RES Q6]).
 *
 * <p>May be called from any thread; implementations return quickly (the MGM queues the work).
 */
@ConsumerType
public interface MulticastRouteListener {

    /**
     * Routes toward addresses in {@code prefix} were added, removed or changed.
     *
     * @param prefix the affected destination prefix ({@code 0.0.0.0/0} for "anything may have
     *     changed")
     */
    void routesChanged(Prefix prefix);

    /**
     * Routes for data from sources in {@code sources} to groups in {@code groups} changed — what
     * a group-aware view ({@link MulticastRouteLookup#lookup(java.net.InetAddress,
     * java.net.InetAddress)}) announces, so that only the MFEs of those groups are re-created. The
     * default treats it as a change for the sources, whatever the group.
     *
     * @param sources the affected source prefix
     * @param groups the affected group prefix
     */
    default void routesChanged(Prefix sources, Prefix groups) {
        routesChanged(sources);
    }
}
