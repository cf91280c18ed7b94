package org.openmgm.forwarding.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Builds rtnetlink requests and parses what the kernel answers and announces (RFC 3549;
 * include/uapi/linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h). Pure Java over {@link
 * ByteBuffer}s in the host's byte order, as netlink is; unit-tested with bytes captured from a
 * kernel. Messages of other families, types or tables are skipped here or by the caller; a
 * malformed message ends the parse of its datagram (nothing after it can be framed).
 */
public final class RtnlCodec {

    /** {@code NLMSG_ERROR}. */
    static final int NLMSG_ERROR = 2;
    /** {@code NLMSG_DONE}. */
    static final int NLMSG_DONE = 3;
    /** {@code NLM_F_REQUEST}. */
    static final int NLM_F_REQUEST = 0x1;
    /** {@code NLM_F_DUMP_INTR}: the dump was interrupted by a change. */
    static final int NLM_F_DUMP_INTR = 0x10;
    /** {@code NLM_F_DUMP} = NLM_F_ROOT | NLM_F_MATCH. */
    static final int NLM_F_DUMP = 0x300;
    /** {@code RTM_NEWLINK}. */
    public static final int RTM_NEWLINK = 16;
    /** {@code RTM_DELLINK}. */
    public static final int RTM_DELLINK = 17;
    /** {@code RTM_GETLINK}. */
    public static final int RTM_GETLINK = 18;
    /** {@code RTM_NEWADDR}. */
    public static final int RTM_NEWADDR = 20;
    /** {@code RTM_DELADDR}. */
    public static final int RTM_DELADDR = 21;
    /** {@code RTM_GETADDR}. */
    public static final int RTM_GETADDR = 22;
    /** {@code RTM_NEWROUTE}. */
    public static final int RTM_NEWROUTE = 24;
    /** {@code RTM_DELROUTE}. */
    public static final int RTM_DELROUTE = 25;
    /** {@code RTM_GETROUTE}. */
    public static final int RTM_GETROUTE = 26;
    /** {@code RTNLGRP_LINK}: link events. */
    public static final int RTNLGRP_LINK = 1;
    /** {@code RTNLGRP_IPV4_IFADDR}: IPv4 address events. */
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    /** {@code RTNLGRP_IPV4_ROUTE}: IPv4 route events. */
    public static final int RTNLGRP_IPV4_ROUTE = 7;

    static final int HEADER = 16;            // struct nlmsghdr
    private static final int IFINFOMSG = 16;
    private static final int IFADDRMSG = 8;
    private static final int RTMSG = 12;
    private static final int AF_INET = 2;
    private static final int IFLA_IFNAME = 3;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_FLAGS = 8;
    private static final int IFA_F_SECONDARY = 0x01;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_MULTIPATH = 9;
    private static final int RTA_TABLE = 15;
    private static final int RTNH_F_DEAD = 0x1;

    private RtnlCodec() {
    }

    /**
     * Builds a dump request ({@code NLM_F_REQUEST | NLM_F_DUMP}) for IPv4 objects.
     *
     * @param type {@link #RTM_GETLINK}, {@link #RTM_GETADDR} or {@link #RTM_GETROUTE}
     * @param sequence the sequence number the answers will carry
     * @return the message bytes
     */
    public static byte[] dumpRequest(int type, int sequence) {
        int body = switch (type) {
            case RTM_GETLINK -> IFINFOMSG;
            case RTM_GETADDR -> IFADDRMSG;
            case RTM_GETROUTE -> RTMSG;
            default -> throw new IllegalArgumentException("not a dump type: " + type);
        };
        ByteBuffer b = ByteBuffer.allocate(HEADER + body).order(ByteOrder.nativeOrder());
        b.putInt(HEADER + body).putShort((short) type).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(sequence).putInt(0);
        // Links of every family (AF_UNSPEC) carry the flags; addresses and routes: IPv4 only.
        b.put((byte) (type == RTM_GETLINK ? 0 : AF_INET));
        return b.array();
    }

    /**
     * Parses a datagram of netlink messages.
     *
     * @param datagram the bytes received, position at the first message; consumed
     * @param sink receives each message this codec understands, in order
     */
    public static void parse(ByteBuffer datagram, Consumer<RtnlMessage> sink) {
        ByteBuffer b = datagram.slice().order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + HEADER <= b.limit()) {
            int length = b.getInt(at);
            if (length < HEADER || at + length > b.limit()) {
                return;
            }
            int type = Short.toUnsignedInt(b.getShort(at + 4));
            int flags = Short.toUnsignedInt(b.getShort(at + 6));
            int seq = b.getInt(at + 8);
            ByteBuffer m = b.slice(at, length).order(ByteOrder.nativeOrder());
            RtnlMessage parsed = switch (type) {
                case NLMSG_DONE -> new RtnlMessage.Done(seq, (flags & NLM_F_DUMP_INTR) != 0);
                case NLMSG_ERROR -> length >= HEADER + 4 ? new RtnlMessage.Error(seq, -m.getInt(HEADER)) : null;
                case RTM_NEWLINK, RTM_DELLINK -> link(m, seq, type == RTM_DELLINK);
                case RTM_NEWADDR, RTM_DELADDR -> address(m, seq, type == RTM_DELADDR);
                case RTM_NEWROUTE, RTM_DELROUTE -> route(m, seq, type == RTM_DELROUTE);
                default -> null;
            };
            if (parsed != null) {
                sink.accept(parsed);
            }
            at += align(length);
        }
    }

    private static RtnlMessage.Link link(ByteBuffer m, int seq, boolean deleted) {
        // AF_BRIDGE (and other families) announce bridge-port state: an RTM_DELLINK there means
        // "left the bridge", not "vanished". The interface itself is reported with AF_UNSPEC.
        if (m.limit() < HEADER + IFINFOMSG || m.get(HEADER) != 0) {
            return null;
        }
        int index = m.getInt(HEADER + 4);
        int flags = m.getInt(HEADER + 8);
        String name = null;
        for (int at = HEADER + IFINFOMSG; at + 4 <= m.limit(); ) {
            int len = Short.toUnsignedInt(m.getShort(at));
            int type = m.getShort(at + 2) & 0x3fff;              // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
            if (len < 4 || at + len > m.limit()) {
                break;
            }
            if (type == IFLA_IFNAME) {
                name = string(m, at + 4, len - 4);
            }
            at += align(len);
        }
        return new RtnlMessage.Link(seq, deleted, index, name, flags);
    }

    private static RtnlMessage.Address address(ByteBuffer m, int seq, boolean deleted) {
        if (m.limit() < HEADER + IFADDRMSG || m.get(HEADER) != AF_INET) {
            return null;
        }
        int prefixLength = m.get(HEADER + 1) & 0xff;
        int flags = m.get(HEADER + 2) & 0xff;
        int index = m.getInt(HEADER + 4);
        Integer local = null;
        Integer address = null;
        for (int at = HEADER + IFADDRMSG; at + 4 <= m.limit(); ) {
            int len = Short.toUnsignedInt(m.getShort(at));
            int type = m.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > m.limit()) {
                break;
            }
            if (type == IFA_LOCAL && len >= 8) {
                local = bigEndianInt(m, at + 4);
            } else if (type == IFA_ADDRESS && len >= 8) {
                address = bigEndianInt(m, at + 4);
            } else if (type == IFA_FLAGS && len >= 8) {
                flags = m.getInt(at + 4);                          // the 32-bit flags supersede ifa_flags
            }
            at += align(len);
        }
        Integer own = local != null ? local : address;       // on point-to-point links IFA_ADDRESS is the peer
        if (own == null) {
            return null;
        }
        return new RtnlMessage.Address(seq, deleted, index, own, prefixLength, (flags & IFA_F_SECONDARY) != 0);
    }

    private static RtnlMessage.Route route(ByteBuffer m, int seq, boolean deleted) {
        if (m.limit() < HEADER + RTMSG || m.get(HEADER) != AF_INET) {
            return null;
        }
        int length = m.get(HEADER + 1) & 0xff;
        int tos = m.get(HEADER + 3) & 0xff;
        int table = m.get(HEADER + 4) & 0xff;
        int protocol = m.get(HEADER + 5) & 0xff;
        int type = m.get(HEADER + 7) & 0xff;
        boolean dead = (m.getInt(HEADER + 8) & RTNH_F_DEAD) != 0;
        int destination = 0;
        int oif = 0;
        int gateway = 0;
        int priority = 0;
        for (int at = HEADER + RTMSG; at + 4 <= m.limit(); ) {
            int len = Short.toUnsignedInt(m.getShort(at));
            int attr = m.getShort(at + 2) & 0x3fff;
            if (len < 4 || at + len > m.limit()) {
                break;
            }
            switch (attr) {
                case RTA_DST -> destination = len >= 8 ? bigEndianInt(m, at + 4) : 0;
                case RTA_OIF -> oif = len >= 8 ? m.getInt(at + 4) : 0;
                case RTA_GATEWAY -> gateway = len >= 8 ? bigEndianInt(m, at + 4) : 0;
                case RTA_PRIORITY -> priority = len >= 8 ? m.getInt(at + 4) : 0;
                case RTA_TABLE -> table = len >= 8 ? m.getInt(at + 4) : table;
                case RTA_MULTIPATH -> {
                    int[] hop = firstLiveHop(m, at + 4, at + len);
                    if (hop != null) {
                        oif = hop[0];
                        gateway = hop[1];
                        dead = false;
                    } else {
                        dead = true;
                    }
                }
                default -> { }
            }
            at += align(len);
        }
        return new RtnlMessage.Route(seq, deleted, table, destination, length, tos, protocol, type, oif, gateway,
                priority, dead);
    }

    /** Walks {@code struct rtnexthop}s: returns {ifindex, gateway} of the first without RTNH_F_DEAD. */
    private static int[] firstLiveHop(ByteBuffer m, int from, int to) {
        for (int at = from; at + 8 <= to; ) {
            int len = Short.toUnsignedInt(m.getShort(at));
            int flags = m.get(at + 2) & 0xff;
            int ifIndex = m.getInt(at + 4);
            if (len < 8 || at + len > to) {
                return null;
            }
            int gateway = 0;
            for (int a = at + 8; a + 4 <= at + len; ) {
                int alen = Short.toUnsignedInt(m.getShort(a));
                if (alen < 4 || a + alen > at + len) {
                    break;
                }
                if ((m.getShort(a + 2) & 0x3fff) == RTA_GATEWAY && alen >= 8) {
                    gateway = bigEndianInt(m, a + 4);
                }
                a += align(alen);
            }
            if ((flags & RTNH_F_DEAD) == 0) {
                return new int[] {ifIndex, gateway};
            }
            at += align(len);
        }
        return null;
    }

    private static int bigEndianInt(ByteBuffer m, int at) {
        return (m.get(at) & 0xff) << 24 | (m.get(at + 1) & 0xff) << 16 | (m.get(at + 2) & 0xff) << 8 | (m.get(at + 3) & 0xff);
    }

    private static String string(ByteBuffer m, int at, int max) {
        int end = at;
        while (end < at + max && m.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        m.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code NLMSG_ALIGN} / {@code RTA_ALIGN}: 4-byte alignment. */
    static int align(int length) {
        return (length + 3) & ~3;
    }
}
