package org.openmgm.igmp.impl.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IGMPv2 membership report (RFC 2236 §2).
 *
 * @param group the reported group
 */
public record MembershipReportV2(InetAddress group) implements IgmpMessage {

    /**
     * Validates.
     *
     * @throws NullPointerException if the group is null
     */
    public MembershipReportV2 {
        Objects.requireNonNull(group, "group");
    }
}
