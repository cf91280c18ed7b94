package org.openmgm.protocol.staticroutes;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.openmgm.api.Prefix;

/**
 * One static multicast route as configured: data to a group, or to any group of a prefix, from
 * one source or any, arriving on one interface, is forwarded out of the others (smcroute's {@code
 * mroute from IF [source ADDR] group ADDR[/LEN] to IF...}).
 *
 * @param source the source, or {@code null} for any source
 * @param group the group (a host prefix) or group prefix, multicast
 * @param from the inbound interface as configured: a name ({@code eth0}) or an index
 * @param to the outbound interfaces as configured, sorted, none the inbound one
 * @param origin where it was configured, for messages ({@code route org.openmgm...~a}, {@code
 *     /etc/smcroute.conf line 12})
 */
public record StaticRoute(InetAddress source, Prefix group, String from, List<String> to, String origin) {

    /** What a route matches. */
    public enum Kind {
        /** (S,G): one source, one group. */
        SOURCE_GROUP,
        /** (*,G): any source, one group. */
        ANY_SOURCE,
        /** (*,G/len): any source, any group of a prefix. */
        GROUP_PREFIX
    }

    /**
     * Validates and normalises.
     *
     * @throws NullPointerException if a mandatory argument is null
     */
    public StaticRoute {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(origin, "origin");
        Set<String> sorted = new TreeSet<>(to);
        to = List.copyOf(sorted);
    }

    /**
     * Tells what the route matches.
     *
     * @return its kind
     */
    public Kind kind() {
        if (source != null) {
            return Kind.SOURCE_GROUP;
        }
        return group.isHost() ? Kind.ANY_SOURCE : Kind.GROUP_PREFIX;
    }

    /**
     * Tells whether two routes match the same traffic (same source, same group or prefix) — two
     * such routes overlap, and only the first configured is used.
     *
     * @param other another route
     * @return whether they match the same traffic
     */
    public boolean sameMatch(StaticRoute other) {
        return Objects.equals(source, other.source) && group.equals(other.group);
    }

    /**
     * Tells whether this route routes like another (same match, same interfaces), wherever
     * configured.
     *
     * @param other another route
     * @return whether nothing would change replacing one by the other
     */
    public boolean sameRouting(StaticRoute other) {
        return sameMatch(other) && from.equals(other.from) && to.equals(other.to);
    }

    @Override
    public String toString() {
        return "(" + (source == null ? "*" : source.getHostAddress()) + ", "
                + (group.isHost() ? group.address().getHostAddress() : group) + ") from " + from + " to "
                + String.join(" ", to);
    }
}
