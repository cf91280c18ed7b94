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
}
