package org.openmgm.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The read side of the Multicast Group Manager: what any bundle in the router, including an
 * administrative tool that holds no registration, may ask (spec §1.2, §3.5).
 *
 * <p>The service is local to the router process and must never be exported remotely (spec §3.0).
 * Every method is thread-safe, never blocks on a callback, and answers from a consistent view of
 * the state at the moment of the call.
 *
 * <p>Protocols do not register through this service: they publish a {@link
 * org.openmgm.spi.MulticastRoutingProtocol} service and act through the {@link
 * ProtocolRegistration} handed to them.
 */
@ProviderType
public interface MulticastGroupService {

    /**
     * Returns the component that owns an interface (spec §3.5): the routing protocol when one owns
     * it, even if IGMP holds it too; IGMP when only IGMP holds it ([RES Q32]).
     *
     * @param ifId the interface
     * @return the owner's ids, or empty when nobody holds the interface (the original's {@code
     *     ERROR_NOT_FOUND})
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<ProtocolId> protocolOnInterface(InterfaceId ifId);

    /**
     * Returns who holds an interface.
     *
     * @param ifId the interface
     * @return its ownership, or empty when nobody holds it
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<InterfaceOwnership> interfaceOwnership(InterfaceId ifId);

    /**
     * Returns every held interface with its owners.
     *
     * @return the interfaces in {@link InterfaceId} order; an immutable snapshot
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    List<InterfaceOwnership> interfaces();

    /**
     * Returns every registered client.
     *
     * @return the clients in registration order; an immutable snapshot
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    List<RegisteredProtocol> protocols();

    /**
     * Returns one registered client.
     *
     * @param id the protocol and component numbers
     * @return the client, or empty when no such client is registered
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<RegisteredProtocol> protocol(ProtocolId id);
}
