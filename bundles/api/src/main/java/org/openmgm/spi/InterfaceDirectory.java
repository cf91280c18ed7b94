package org.openmgm.spi;

import java.util.List;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The system's interfaces as a plane knows them (Linux: rtnetlink; simulation: configuration),
 * so that configuration can name interfaces ({@code eth0}) and IGMP can know its addresses and
 * subnets. Published by a plane bundle with the {@value ForwardingPlane#NAME} property. Changes
 * are announced to every {@link InterfaceListener} service. Thread-safe; answers from memory.
 */
@ConsumerType
public interface InterfaceDirectory {

    /**
     * Returns every interface.
     *
     * @return an immutable snapshot in index order
     */
    List<NetworkInterfaceInfo> interfaces();

    /**
     * Finds an interface by name.
     *
     * @param name e.g. {@code eth0}
     * @return the interface, if it exists now
     */
    Optional<NetworkInterfaceInfo> byName(String name);

    /**
     * Finds an interface by id.
     *
     * @param id the interface id
     * @return the interface, if it exists now
     */
    Optional<NetworkInterfaceInfo> byId(InterfaceId id);
}
