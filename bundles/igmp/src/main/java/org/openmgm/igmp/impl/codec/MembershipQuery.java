package org.openmgm.igmp.impl.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A membership query (RFC 3376 §4.1; RFC 2236 §2; RFC 1112). The version follows from the wire
 * form (RFC 3376 §7.1): 8 bytes with Max Resp Code 0 is IGMPv1, 8 bytes otherwise IGMPv2, 12 bytes
 * or more IGMPv3.
 *
 * @param version 1, 2 or 3
 * @param group 0.0.0.0 for a general query, else the group of a group(-and-source)-specific query
 * @param maxResponseTime the Max Resp Time (v2: in 1/10 s units; v3: Max Resp Code decoded per
 *     §4.1.1); zero for IGMPv1
 * @param suppressRouterProcessing the S flag (v3 only, §4.1.5)
 * @param robustness the QRV field, 0 to 7 (v3 only, §4.1.6; 0 when absent)
 * @param queryInterval the QQIC decoded per §4.1.7 (v3 only; zero when absent)
 * @param sources the sources of a group-and-source-specific query (v3 only), in wire order
 */
public record MembershipQuery(int version, InetAddress group, Duration maxResponseTime, boolean suppressRouterProcessing,
                              int robustness, Duration queryInterval, List<InetAddress> sources)
        implements IgmpMessage {

    /** The unspecified address, the group field of a general query. */
    public static final InetAddress GENERAL = unspecified();

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a field cannot be represented in that version
     * @throws NullPointerException if an argument is null
     */
    public MembershipQuery {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(maxResponseTime, "maxResponseTime");
        Objects.requireNonNull(queryInterval, "queryInterval");
        sources = List.copyOf(sources);
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("IGMP version must be 1 to 3: " + version);
        }
        if (!(group instanceof Inet4Address) || !(group.isAnyLocalAddress() || group.isMulticastAddress())) {
            throw new IllegalArgumentException("query group must be 0.0.0.0 or an IPv4 multicast address: " + group);
        }
        if (robustness < 0 || robustness > 7) {
            throw new IllegalArgumentException("QRV must be 0 to 7: " + robustness);
        }
        if (version < 3 && (!sources.isEmpty() || suppressRouterProcessing || robustness != 0
                || !queryInterval.isZero())) {
            throw new IllegalArgumentException("sources, S, QRV and QQIC exist in IGMPv3 queries only");
        }
        if (version == 1 && !maxResponseTime.isZero()) {
            throw new IllegalArgumentException("IGMPv1 queries have no Max Resp Time");
        }
        if (!sources.isEmpty() && group.isAnyLocalAddress()) {
            throw new IllegalArgumentException("a general query lists no sources");
        }
    }

    /**
     * Tells whether this is a general query.
     *
     * @return {@code true} when the group field is 0.0.0.0
     */
    public boolean isGeneral() {
        return group.isAnyLocalAddress();
    }

    /** A general query of the given version. */
    public static MembershipQuery general(int version, Duration maxResponseTime, int robustness, Duration interval) {
        return version == 3 ? new MembershipQuery(3, GENERAL, maxResponseTime, false, robustness, interval, List.of())
                : new MembershipQuery(version, GENERAL, version == 1 ? Duration.ZERO : maxResponseTime, false, 0,
                        Duration.ZERO, List.of());
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
