package org.openmgm.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Who holds an interface (spec §2.5): at most one routing protocol, and IGMP beside it or alone.
 * An interface nobody holds does not exist for the MGM, so no value of this type describes one.
 *
 * @param id the interface
 * @param routingProtocol the routing protocol that owns it, if any
 * @param igmp the IGMP client when IGMP holds the interface too (or alone), otherwise empty
 */
public record InterfaceOwnership(InterfaceId id, Optional<ProtocolId> routingProtocol, Optional<ProtocolId> igmp) {

    /**
     * Validates that the interface is held by someone.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if neither a routing protocol nor IGMP holds it
     */
    public InterfaceOwnership {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(routingProtocol, "routingProtocol");
        Objects.requireNonNull(igmp, "igmp");
        if (routingProtocol.isEmpty() && igmp.isEmpty()) {
            throw new IllegalArgumentException("an interface nobody holds has no ownership record: " + id);
        }
    }

    /**
     * Tells whether IGMP holds the interface (the {@code bIGMP} of spec §2.9.2).
     *
     * @return {@code true} in the IGMP-only and routing-protocol-plus-IGMP states
     */
    public boolean igmpPresent() {
        return igmp.isPresent();
    }

    /**
     * The component the interface belongs to for alert counting (spec §2.6.3, [RES Q10]): the
     * routing protocol when there is one, otherwise IGMP. This is also what {@link
     * MulticastGroupService#protocolOnInterface(InterfaceId)} answers ([RES Q32]).
     *
     * @return the owning component, never {@code null}
     */
    public ProtocolId component() {
        return routingProtocol.or(() -> igmp).orElseThrow();
    }
}
