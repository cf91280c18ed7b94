package org.openmgm.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the IGMP router knows, for operators and monitoring (the MGMD-STD-MIB view, RFC 5519):
 * the interfaces IGMP runs on with their querier state and counters, and the groups and sources
 * learnt there with their timers. Published by the IGMP bundle while it runs. Thread-safe; every
 * answer is a snapshot.
 */
@ProviderType
public interface IgmpService {

    /**
     * Returns every interface IGMP runs on.
     *
     * @return the interfaces in {@link InterfaceId} order
     */
    List<IgmpInterfaceStatus> interfaces();

    /**
     * Returns one interface's status.
     *
     * @param ifId the interface
     * @return its status, or empty when IGMP does not run there
     */
    Optional<IgmpInterfaceStatus> interfaceStatus(InterfaceId ifId);

    /**
     * Returns the groups learnt on an interface, or on all interfaces.
     *
     * @param ifId the interface, or {@code null} for all
     * @return the groups by interface, then group address
     */
    List<IgmpGroupStatus> groups(InterfaceId ifId);
}
