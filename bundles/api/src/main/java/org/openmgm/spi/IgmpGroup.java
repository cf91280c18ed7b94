package org.openmgm.spi;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.openmgm.api.FilterMode;
import org.openmgm.api.Prefix;

/**
 * What the IGMP router wants forwarded for one group on one interface, from its RFC 3376 state
 * (§6.3): in {@link FilterMode#INCLUDE} mode the sources to forward, in {@link FilterMode#EXCLUDE}
 * mode the sources not to forward (all others are forwarded). INCLUDE with no source means nobody
 * wants the group any more.
 *
 * @param group the multicast group
 * @param mode the filter mode
 * @param sources the listed sources (forwarded in INCLUDE, blocked in EXCLUDE), in address order
 * @param compatibilityVersion the IGMP version the group is operating in (1, 2 or 3; RFC 3376 §7.3.2)
 */
public record IgmpGroup(InetAddress group, FilterMode mode, Set<InetAddress> sources, int compatibilityVersion) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the group is not multicast or the version not 1 to 3
     */
    public IgmpGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mode, "mode");
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException("not a multicast group: " + group.getHostAddress());
        }
        if (compatibilityVersion < 1 || compatibilityVersion > 3) {
            throw new IllegalArgumentException("IGMP version must be 1 to 3, got " + compatibilityVersion);
        }
        if (sources.isEmpty()) {
            sources = Set.of();                         // the common EXCLUDE {} and the leave
        } else {
            TreeSet<InetAddress> sorted = new TreeSet<>((a, b) -> Prefix.host(a).compareTo(Prefix.host(b)));
            sorted.addAll(sources);
            sources = Collections.unmodifiableSet(sorted);
        }
    }

    /**
     * Tells whether any data is wanted for the group.
     *
     * @return {@code false} only for INCLUDE with no source
     */
    public boolean isJoined() {
        return mode == FilterMode.EXCLUDE || !sources.isEmpty();
    }
}
