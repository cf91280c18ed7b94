package org.openmgm.api;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A snapshot of one registered client of the MGM, for administrative views.
 *
 * @param id the protocol and component numbers
 * @param name a human-readable protocol name (the {@code mgm.protocol.name} service property, or
 *     a name derived from the id)
 * @param igmp whether the MGM treats this client as IGMP (spec [RES Q9])
 * @param bundle the symbolic name of the bundle that registered it, or {@code "-"} outside OSGi
 * @param interfaces the interfaces it holds, in {@link InterfaceId} order
 */
public record RegisteredProtocol(ProtocolId id, String name, boolean igmp, String bundle,
                                 SortedSet<InterfaceId> interfaces) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public RegisteredProtocol {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundle, "bundle");
        interfaces = Collections.unmodifiableSortedSet(new TreeSet<>(interfaces));
    }
}
