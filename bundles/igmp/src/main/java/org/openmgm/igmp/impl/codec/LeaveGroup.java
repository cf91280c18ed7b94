package org.openmgm.igmp.impl.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IGMPv2 leave group message (RFC 2236 §2).
 *
 * @param group the group left
 */
public record LeaveGroup(InetAddress group) implements IgmpMessage {

    /**
     * Validates.
     *
     * @throws NullPointerException if the group is null
     */
    public LeaveGroup {
        Objects.requireNonNull(group, "group");
    }
}
