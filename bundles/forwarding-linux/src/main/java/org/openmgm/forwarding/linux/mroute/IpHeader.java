package org.openmgm.forwarding.linux.mroute;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

import org.openmgm.forwarding.linux.sys.Structs;

/**
 * The fields of an IPv4 header (RFC 791 §3.1) that IGMP validation needs, read from what a raw
 * socket returns (the header with its options, then the payload).
 *
 * @param headerLength the header's length in bytes, options included (IHL × 4)
 * @param totalLength the datagram's total length field
 * @param ttl the time to live
 * @param protocol the protocol field (0 marks a kernel upcall on the multicast routing socket)
 * @param source the source address as an int
 * @param destination the destination address as an int
 * @param routerAlert whether the options hold a Router Alert (RFC 2113, type 148)
 */
record IpHeader(int headerLength, int totalLength, int ttl, int protocol, int source, int destination,
                boolean routerAlert) {

    /** Byte offset of the protocol field: 0 = an upcall ({@code im_mbz}), 2 = IGMP. */
    static final int PROTOCOL_OFFSET = 9;
    /** The Router Alert option's type (RFC 2113: copied, class 0, number 20). */
    static final int OPTION_ROUTER_ALERT = 0x94;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;

    /**
     * Parses a header.
     *
     * @param p the bytes
     * @param length how many of them are valid
     * @return the header, or {@code null} if it is not a well-formed IPv4 header within {@code length}
     */
    static IpHeader parse(MemorySegment p, long length) {
        if (length < 20) {
            return null;
        }
        int versionIhl = p.get(JAVA_BYTE, 0) & 0xff;
        int ihl = (versionIhl & 0x0f) * 4;
        if (versionIhl >>> 4 != 4 || ihl < 20 || ihl > length) {
            return null;
        }
        int total = Short.toUnsignedInt(p.get(Structs.NET_SHORT, 2));
        return new IpHeader(ihl, total, p.get(JAVA_BYTE, 8) & 0xff, p.get(JAVA_BYTE, PROTOCOL_OFFSET) & 0xff,
                p.get(Structs.NET_INT, 12), p.get(Structs.NET_INT, 16), hasRouterAlert(p, ihl));
    }

    /**
     * Walks the options (RFC 791 §3.1 "Options": end, no-operation, or type-length-value) looking
     * for a Router Alert. A malformed option list ends the walk: what follows cannot be trusted.
     *
     * @param p the header
     * @param headerLength the header's length with options
     * @return {@code true} if a Router Alert option is present
     */
    static boolean hasRouterAlert(MemorySegment p, int headerLength) {
        int i = 20;
        while (i < headerLength) {
            int type = p.get(JAVA_BYTE, i) & 0xff;
            if (type == OPTION_END) {
                return false;
            }
            if (type == OPTION_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= headerLength) {
                return false;
            }
            int optionLength = p.get(JAVA_BYTE, i + 1) & 0xff;
            if (optionLength < 2 || i + optionLength > headerLength) {
                return false;
            }
            if (type == OPTION_ROUTER_ALERT && optionLength == 4) {
                return true;
            }
            i += optionLength;
        }
        return false;
    }
}
