package org.openmgm.spi;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

import org.openmgm.api.InterfaceId;

/**
 * What the MGM installs in a forwarding plane for one (S,G): data from {@code source} to {@code
 * group} arriving on {@code incoming} goes out of {@code outgoing}; with no outgoing interface the
 * plane drops it (a negative entry) without further upcalls.
 *
 * @param source the source address
 * @param group the group address
 * @param incoming the incoming interface
 * @param outgoing the outgoing interfaces (never containing {@code incoming})
 */
public record ForwardingEntry(InetAddress source, InetAddress group, InterfaceId incoming,
                              SortedSet<InterfaceId> outgoing) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code outgoing} contains {@code incoming}
     */
    public ForwardingEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(incoming, "incoming");
        outgoing = Collections.unmodifiableSortedSet(new TreeSet<>(outgoing));
        if (outgoing.contains(incoming)) {
            throw new IllegalArgumentException("incoming interface " + incoming + " is also outgoing");
        }
    }
}
