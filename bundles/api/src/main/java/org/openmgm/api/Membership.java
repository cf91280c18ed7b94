package org.openmgm.api;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JOIN membership entry (spec §2.6.1): a client has receivers on an interface for traffic
 * matching a key. For administrative views; protocols change memberships through their {@link
 * ProtocolRegistration}.
 *
 * @param client the client that added the entry (a routing protocol or IGMP)
 * @param key the (S,G), (*,G) or (*,*) key
 * @param ifId the interface
 * @param excludedSources for a (*,G) entry, the sources it does not match ({@link
 *     ProtocolRegistration#setExcludedSources}), in address order; otherwise empty
 */
public record Membership(ProtocolId client, SourceGroup key, InterfaceId ifId, Set<InetAddress> excludedSources) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public Membership {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ifId, "ifId");
        if (excludedSources.isEmpty()) {
            excludedSources = Set.of();
        } else {
            TreeSet<InetAddress> sorted = new TreeSet<>((a, b) -> Prefix.host(a).compareTo(Prefix.host(b)));
            sorted.addAll(excludedSources);
            excludedSources = Collections.unmodifiableSet(sorted);
        }
    }

    /**
     * A membership without excluded sources.
     *
     * @param client the client that added the entry
     * @param key the (S,G), (*,G) or (*,*) key
     * @param ifId the interface
     */
    public Membership(ProtocolId client, SourceGroup key, InterfaceId ifId) {
        this(client, key, ifId, Set.of());
    }
}
