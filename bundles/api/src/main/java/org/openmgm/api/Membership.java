package org.openmgm.api;

import java.util.Objects;

/**
 * One JOIN membership entry (spec §2.6.1): a client has receivers on an interface for traffic
 * matching a key. For administrative views; protocols change memberships through their {@link
 * ProtocolRegistration}.
 *
 * @param client the client that added the entry (a routing protocol or IGMP)
 * @param key the (S,G), (*,G) or (*,*) key
 * @param ifId the interface
 */
public record Membership(ProtocolId client, SourceGroup key, InterfaceId ifId) {

    /**
     * Validates.
     *
     * @throws NullPointerException if an argument is null
     */
    public Membership {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ifId, "ifId");
    }
}
