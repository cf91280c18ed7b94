package org.openmgm.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A multicast forwarding entry as the MGM holds it (spec §2.7.3, the original's {@code
 * MIB_IPMCAST_MFE}): data from one source to one group arriving on the incoming interface is
 * forwarded out of the outgoing interfaces. An MFE with no outgoing interface is a negative entry:
 * matching data is dropped (spec [RES Q22]). Times are relative to the moment the value was taken.
 *
 * @param key the exact (S,G) of the entry (MFEs are never wildcards, spec [RES Q18])
 * @param incomingInterface the interface data must arrive on (the iif)
 * @param upstreamNeighbor the upstream neighbour toward the source; the unspecified address when
 *     unknown
 * @param incomingProtocol the component owning the iif (dwInIfProtocol), or empty when nobody
 *     holds it
 * @param route the route toward the source the entry was built from
 * @param upTime how long the entry has existed
 * @param expiresIn how long until it is deleted; {@link Duration#ZERO} when it does not age
 * @param lifetime its total lifetime (ulTimeOut); {@link Duration#ZERO} means it never ages
 * @param outgoingInterfaces the outgoing interfaces, in {@link InterfaceId} order
 */
public record Mfe(SourceGroup key, InterfaceId incomingInterface, InetAddress upstreamNeighbor,
                  Optional<ProtocolId> incomingProtocol, RouteInfo route, Duration upTime, Duration expiresIn,
                  Duration lifetime, SortedSet<InterfaceId> outgoingInterfaces) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the key is not an exact (S,G)
     * @throws NullPointerException if an argument is null
     */
    public Mfe {
        Objects.requireNonNull(key, "key");
        if (key.kind() != SourceGroup.Kind.SOURCE_GROUP) {
            throw new IllegalArgumentException("an MFE key is an exact (S,G): " + key);
        }
        Objects.requireNonNull(incomingInterface, "incomingInterface");
        Objects.requireNonNull(upstreamNeighbor, "upstreamNeighbor");
        Objects.requireNonNull(incomingProtocol, "incomingProtocol");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(upTime, "upTime");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(lifetime, "lifetime");
        outgoingInterfaces = Collections.unmodifiableSortedSet(new TreeSet<>(outgoingInterfaces));
    }

    /**
     * Returns the source of the entry.
     *
     * @return S
     */
    public InetAddress source() {
        return key.source().address();
    }

    /**
     * Returns the group of the entry.
     *
     * @return G
     */
    public InetAddress group() {
        return key.group().address();
    }

    /**
     * Tells whether this is a negative entry (no outgoing interface: data is dropped).
     *
     * @return {@code true} when the outgoing list is empty
     */
    public boolean isNegative() {
        return outgoingInterfaces.isEmpty();
    }
}
