package org.openmgm.spi;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

import org.openmgm.api.InterfaceId;

/**
 * An IGMP message received on an interface, with what its IP header said (what validation per
 * RFC 3376 §4.2.14 and §9 needs).
 *
 * @param ifId the interface it arrived on
 * @param source the IP source address
 * @param destination the IP destination address
 * @param ttl the IP time to live
 * @param routerAlert whether the IP header carried the Router Alert option (RFC 2113)
 * @param payload the IGMP message (after the IP header); read-only, valid during the call only
 */
public record IgmpPacket(InterfaceId ifId, InetAddress source, InetAddress destination, int ttl, boolean routerAlert,
                         ByteBuffer payload) {

    /**
     * Validates.
     *
     * @throws NullPointerException if an argument is null
     */
    public IgmpPacket {
        Objects.requireNonNull(ifId, "ifId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
    }
}
