package org.openmgm.api;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The key of a membership entry or an alert: a source prefix and a group prefix (spec §2.6.1).
 * Only the three shapes the MGM knows are representable:
 *
 * <ul>
 *   <li>(S,G): a unicast source host and a multicast group host — data from S to G only;</li>
 *   <li>(*,G): any source ({@code 0.0.0.0/0}) and a multicast group host — data to G;</li>
 *   <li>(*,*): both wildcards — all data (a "wildcard receiver").</li>
 * </ul>
 *
 * Everything else — source or group ranges, (S,*), a multicast source, a unicast group, mixed
 * address families — is refused at construction with {@link MgmStatus#INVALID_PARAMETER} (spec
 * [RES Q1]). Keys order by group first, then source, both unsigned, wildcards first (spec §2.7.7).
 *
 * @param source the source prefix: a unicast host prefix or the wildcard
 * @param group the group prefix: a multicast host prefix or the wildcard
 */
public record SourceGroup(Prefix source, Prefix group) implements Comparable<SourceGroup> {

    /** The three shapes of a key. */
    public enum Kind {
        /** (S,G): one source, one group. */
        SOURCE_GROUP,
        /** (*,G): any source, one group. */
        ANY_SOURCE,
        /** (*,*): any source, any group. */
        WILDCARD
    }

    private static final SourceGroup ALL_V4 = new SourceGroup(Prefix.ANY_V4, Prefix.ANY_V4);

    /**
     * Validates the shape.
     *
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} for any shape but (S,G), (*,G) and
     *     (*,*), a multicast or unspecified source, a unicast group, or mixed address families
     */
    public SourceGroup {
        if (source == null || group == null) {
            throw MgmException.invalid("source and group prefixes must not be null");
        }
        if (source.address().getAddress().length != group.address().getAddress().length) {
            throw MgmException.invalid("source " + source + " and group " + group + " are of different address families");
        }
        if (!group.isWildcard()) {
            if (!group.isHost()) {
                throw MgmException.invalid("group ranges are not supported: " + group);
            }
            if (!group.address().isMulticastAddress()) {
                throw MgmException.invalid("group " + group.address().getHostAddress() + " is not a multicast address");
            }
        }
        if (!source.isWildcard()) {
            if (!source.isHost()) {
                throw MgmException.invalid("source ranges are not supported: " + source);
            }
            if (group.isWildcard()) {
                throw MgmException.invalid("(S,*) keys are not supported: " + source + " with any group");
            }
            InetAddress s = source.address();
            if (s.isMulticastAddress() || s.isAnyLocalAddress() || isLimitedBroadcast(s)) {
                throw MgmException.invalid("source " + s.getHostAddress() + " is not a unicast address");
            }
        }
    }

    /**
     * (S,G): data from one source to one group.
     *
     * @param source a unicast address
     * @param group a multicast address
     * @return the key
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if an address is unfit
     */
    public static SourceGroup of(InetAddress source, InetAddress group) {
        return new SourceGroup(Prefix.host(source), Prefix.host(group));
    }

    /**
     * (*,G): data from any source to one group.
     *
     * @param group a multicast address
     * @return the key
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if the group is not multicast
     */
    public static SourceGroup anySource(InetAddress group) {
        Prefix g = Prefix.host(group);
        return new SourceGroup(anySourceOf(group), g);
    }

    /**
     * (*,*) for IPv4: all data.
     *
     * @return the wildcard key
     */
    public static SourceGroup all() {
        return ALL_V4;
    }

    /**
     * Parses the text form of {@link #toString()}: {@code (10.0.0.1, 239.1.1.1)}, {@code (*,
     * 239.1.1.1)} or {@code (*, *)}; parentheses and spaces are optional.
     *
     * @param text the text
     * @return the key
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} naming the text if it is malformed
     */
    public static SourceGroup parse(String text) {
        if (text == null) {
            throw MgmException.invalid("source/group must not be null");
        }
        String s = text.strip();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1);
        }
        String[] parts = s.split(",");
        if (parts.length != 2) {
            throw MgmException.invalid("'" + text + "' is not a source/group pair such as (*, 239.1.1.1)");
        }
        String src = parts[0].strip();
        String grp = parts[1].strip();
        if (grp.equals("*")) {
            if (!src.equals("*")) {
                throw MgmException.invalid("(S,*) keys are not supported: '" + text + "'");
            }
            return all();
        }
        InetAddress group = Addresses.parse(grp, text);
        return src.equals("*") ? anySource(group) : of(Addresses.parse(src, text), group);
    }

    /**
     * Returns the shape of this key.
     *
     * @return (S,G), (*,G) or (*,*)
     */
    public Kind kind() {
        if (group.isWildcard()) {
            return Kind.WILDCARD;
        }
        return source.isWildcard() ? Kind.ANY_SOURCE : Kind.SOURCE_GROUP;
    }

    /**
     * Returns the source address of an (S,G) key.
     *
     * @return the source, or empty for (*,G) and (*,*)
     */
    public Optional<InetAddress> sourceAddress() {
        return source.isWildcard() ? Optional.empty() : Optional.of(source.address());
    }

    /**
     * Returns the group address of an (S,G) or (*,G) key.
     *
     * @return the group, or empty for (*,*)
     */
    public Optional<InetAddress> groupAddress() {
        return group.isWildcard() ? Optional.empty() : Optional.of(group.address());
    }

    /**
     * Tells whether data from {@code s} to {@code g} matches this key.
     *
     * @param s a source address
     * @param g a group address
     * @return {@code true} if both lie in the respective prefixes
     */
    public boolean matches(InetAddress s, InetAddress g) {
        return source.contains(s) && group.contains(g);
    }

    /** Orders by group, then source, unsigned, wildcards first (spec §2.7.7, [RES Q2]). */
    @Override
    public int compareTo(SourceGroup other) {
        int c = group.compareTo(other.group);
        return c != 0 ? c : source.compareTo(other.source);
    }

    /** Returns {@code (10.0.0.1, 239.1.1.1)}, {@code (*, 239.1.1.1)} or {@code (*, *)}. */
    @Override
    public String toString() {
        return "(" + (source.isWildcard() ? "*" : source.address().getHostAddress()) + ", "
                + (group.isWildcard() ? "*" : group.address().getHostAddress()) + ")";
    }

    private static boolean isLimitedBroadcast(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && b[0] == -1 && b[1] == -1 && b[2] == -1 && b[3] == -1;
    }

    private static final Prefix ANY_SOURCE_V4 = new Prefix(wildcardOf(4), 0);
    private static final Prefix ANY_SOURCE_V6 = new Prefix(wildcardOf(16), 0);

    /** The source prefix of (*,G) in the group's family; shared, since keys are made per packet. */
    private static Prefix anySourceOf(InetAddress group) {
        return group instanceof java.net.Inet4Address ? ANY_SOURCE_V4 : ANY_SOURCE_V6;
    }

    private static InetAddress wildcardOf(int length) {
        try {
            return InetAddress.getByAddress(new byte[length]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
