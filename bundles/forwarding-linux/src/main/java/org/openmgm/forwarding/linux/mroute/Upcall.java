package org.openmgm.forwarding.linux.mroute;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

import org.openmgm.forwarding.linux.sys.Structs;

/**
 * A kernel upcall ({@code struct igmpmsg}, include/uapi/linux/mroute.h) as read from the multicast
 * routing socket. The kernel copies the IP header of the packet, sets the protocol byte to 0 (that
 * is {@code im_mbz}), writes the message type over the TTL and the VIF over the checksum, and
 * appends an 8-byte IGMP header ({@code ipmr_cache_report} in net/ipv4/ipmr.c). For {@code
 * IGMPMSG_WHOLEPKT} and {@code IGMPMSG_WRVIFWHOLE} the whole packet follows a 20-byte copy.
 *
 * @param type {@code IGMPMSG_NOCACHE}, {@code IGMPMSG_WRONGVIF}, ...
 * @param vif the VIF the packet arrived on
 * @param source the packet's source as an int
 * @param group the packet's destination as an int
 * @param headerLength the length of the copied IP header (with options) at the start
 */
record Upcall(int type, int vif, int source, int group, int headerLength) {

    /** {@code sizeof(struct igmpmsg)}. */
    static final int SIZE = 20;

    /**
     * Parses an upcall.
     *
     * @param p the bytes read; byte 9 must be 0
     * @param length how many were read
     * @return the upcall, or {@code null} if it is too short or its header is malformed
     */
    static Upcall parse(MemorySegment p, long length) {
        if (length < SIZE || p.get(JAVA_BYTE, Structs.IM_MBZ) != 0) {
            return null;
        }
        int ihl = (p.get(JAVA_BYTE, 0) & 0x0f) * 4;
        if (ihl < SIZE || ihl > length) {
            return null;
        }
        int vif = (p.get(JAVA_BYTE, Structs.IM_VIF) & 0xff) | (p.get(JAVA_BYTE, Structs.IM_VIF_HI) & 0xff) << 8;
        return new Upcall(p.get(JAVA_BYTE, Structs.IM_MSGTYPE) & 0xff, vif, p.get(Structs.NET_INT, Structs.IM_SRC),
                p.get(Structs.NET_INT, Structs.IM_DST), ihl);
    }
}
