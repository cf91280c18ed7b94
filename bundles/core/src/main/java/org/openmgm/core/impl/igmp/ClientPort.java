package org.openmgm.core.impl.igmp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.spi.IgmpGroup;

/** What IGMP wants on one interface and what the MGM holds of it. Guarded by the {@link IgmpClient}. */
final class ClientPort {
    final InterfaceId id;
    /** IGMP runs on the interface. */
    boolean started;
    /** The MGM holds the interface for IGMP. */
    boolean held;
    /** Between disableIgmp and enableIgmp (spec §4.9). */
    boolean disabled;
    /** The take or release of the interface is to be done. */
    boolean visit;
    /** Changes whenever the MGM forgets IGMP's memberships here; a call made for an older epoch is void. */
    long epoch;
    /** IGMP's state of every joined group. */
    final Map<InetAddress, IgmpGroup> desired = new HashMap<>();
    /** What the MGM holds of each group. */
    final Map<InetAddress, AppliedGroup> applied = new HashMap<>();
    /** Groups whose desired and applied state may differ. */
    final Set<InetAddress> dirty = new LinkedHashSet<>();
    /** Groups whose change the MGM refused (e.g. its membership limit): retried later. */
    final Set<InetAddress> refused = new LinkedHashSet<>();
    long lastRetryNanos;

    ClientPort(InterfaceId id) {
        this.id = id;
    }

    /** The MGM no longer holds anything of ours here: redo it all. */
    void forgetMemberships() {
        applied.clear();
        refused.clear();
        dirty.addAll(desired.keySet());
        visit = true;
        epoch++;
    }
}
