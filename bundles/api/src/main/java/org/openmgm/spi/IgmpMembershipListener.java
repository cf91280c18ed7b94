package org.openmgm.spi;

import org.openmgm.api.InterfaceId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what the IGMP router learns (whiteboard: register it as a service; the IGMP bundle
 * calls every registered listener). The MGM core is one such listener — it turns IGMP's state
 * into memberships as the IGMP client of spec §1.2 — and routing protocols such as an IGMP proxy
 * may be others.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A listener that appears while IGMP runs first receives the current state — {@link
 *       #interfaceStarted} for every interface, then {@link #groupChanged} for every joined group
 *       — and then the live changes (feeding, STYLE §9.5 rule 16).</li>
 *   <li>Calls for one interface are serial and in order, on that interface's IGMP thread ({@code
 *       mgm-igmp-*}); calls for different interfaces may be concurrent.</li>
 *   <li>{@link #groupChanged} carries the whole current state of the group, so a listener never
 *       needs history; a group that is no longer wanted arrives as INCLUDE with no source.</li>
 *   <li>Listeners must return quickly and must not throw; a throwing listener is logged and
 *       counted and does not disturb the others.</li>
 * </ul>
 */
@ConsumerType
public interface IgmpMembershipListener {

    /**
     * IGMP now runs on an interface (as querier or non-querier).
     *
     * @param ifId the interface
     */
    void interfaceStarted(InterfaceId ifId);

    /**
     * IGMP stopped on an interface: every group there is gone.
     *
     * @param ifId the interface
     */
    void interfaceStopped(InterfaceId ifId);

    /**
     * The state of one group on an interface changed.
     *
     * @param ifId the interface
     * @param group the group's whole current state
     */
    void groupChanged(InterfaceId ifId, IgmpGroup group);
}
