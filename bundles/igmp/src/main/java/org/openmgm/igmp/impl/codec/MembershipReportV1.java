package org.openmgm.igmp.impl.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IGMPv1 membership report (RFC 1112 appendix I).
 *
 * @param group the reported group
 */
public record MembershipReportV1(InetAddress group) implements IgmpMessage {

    /**
     * Validates.
     *
     * @throws NullPointerException if the group is null
     */
    public MembershipReportV1 {
        Objects.requireNonNull(group, "group");
    }
}
