package org.openmgm.core.impl;

import org.openmgm.api.InterfaceId;

/**
 * Ownership of one held interface (spec §2.5): the routing owner, whether IGMP holds it too, and
 * whether an IGMP disable/enable bracket is open on it. Guarded by the MGM lock. An interface
 * nobody holds has no entry.
 */
final class InterfaceEntry {

    final InterfaceId id;
    /** The routing protocol that owns the interface, or {@code null}. */
    Client routingOwner;
    /** Whether IGMP holds the interface (alone or beside the routing owner). */
    boolean igmp;
    /**
     * Open disable/enable bracket (spec §4.9): set with the ownership change, cleared just before
     * EnableIgmp is delivered. While set, IGMP may not change membership here and nobody may change
     * ownership ([RES Q33], brackets never nest).
     */
    boolean igmpDisabled;

    InterfaceEntry(InterfaceId id) {
        this.id = id;
    }

    boolean isHeld() {
        return routingOwner != null || igmp;
    }

    /** The spec's state name, for logs: IGMP_ONLY, RP(P) or RP_IGMP(P). */
    String stateName() {
        if (routingOwner == null) {
            return igmp ? "IGMP_ONLY" : "UNOWNED";
        }
        return (igmp ? "RP_IGMP(" : "RP(") + routingOwner.name + ")";
    }
}
