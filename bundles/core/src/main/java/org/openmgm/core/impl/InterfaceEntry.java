package org.openmgm.core.impl;

import org.openmgm.api.InterfaceId;
import org.openmgm.util.LongHashSet;

/**
 * One interface the MGM knows (spec §2.5), with the dense slot number the tables use for it.
 * An entry exists while someone holds the interface, or while an MFE uses it as incoming
 * interface although nobody holds it (spec [RES Q19]); only held entries are visible to clients.
 * Guarded by the MGM lock.
 */
final class InterfaceEntry {

    final InterfaceId id;
    final int slot;
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
    /** MFEs whose incoming interface this is; keeps an entry nobody holds alive. */
    int mfeReferences;
    /** Keys of the routing owner's JOIN memberships here. */
    final LongHashSet ownerKeys = new LongHashSet();
    /** Keys of IGMP's JOIN memberships here. */
    final LongHashSet igmpKeys = new LongHashSet();

    InterfaceEntry(InterfaceId id, int slot) {
        this.id = id;
        this.slot = slot;
    }

    boolean isHeld() {
        return routingOwner != null || igmp;
    }

    /**
     * The component memberships here are attributed to (spec §2.6.3, [RES Q10]): the routing owner,
     * else IGMP when IGMP holds it, else {@code null}.
     */
    Client component(Client igmpClient) {
        if (routingOwner != null) {
            return routingOwner;
        }
        return igmp ? igmpClient : null;
    }

    /** The spec's state name, for logs: UNOWNED, IGMP_ONLY, RP(P) or RP_IGMP(P). */
    String stateName() {
        if (routingOwner == null) {
            return igmp ? "IGMP_ONLY" : "UNOWNED";
        }
        return (igmp ? "RP_IGMP(" : "RP(") + routingOwner.name + ")";
    }
}
