package org.openmgm.forwarding.linux.netlink;

/**
 * One rtnetlink message as this plane understands it (include/uapi/linux/rtnetlink.h): the IPv4
 * parts of links, addresses and routes, plus the protocol's control messages. Addresses are ints
 * ({@code a << 24 | b << 16 | c << 8 | d}).
 */
public sealed interface RtnlMessage {

    /**
     * Returns the sequence number of the request this answers (0 for an event).
     *
     * @return the {@code nlmsg_seq}
     */
    int sequence();

    /**
     * {@code RTM_NEWLINK} / {@code RTM_DELLINK}: an interface ({@code struct ifinfomsg}).
     *
     * @param sequence the request's sequence number
     * @param deleted {@code true} for RTM_DELLINK
     * @param index the interface index
     * @param name IFLA_IFNAME, or {@code null} when absent
     * @param flags {@code ifi_flags} (IFF_UP, IFF_RUNNING, IFF_MULTICAST, ...)
     */
    record Link(int sequence, boolean deleted, int index, String name, int flags) implements RtnlMessage {
    }

    /**
     * {@code RTM_NEWADDR} / {@code RTM_DELADDR} of an IPv4 address ({@code struct ifaddrmsg}).
     *
     * @param sequence the request's sequence number
     * @param deleted {@code true} for RTM_DELADDR
     * @param index the interface index
     * @param address IFA_LOCAL (the interface's own address), else IFA_ADDRESS
     * @param prefixLength {@code ifa_prefixlen}
     * @param secondary whether IFA_F_SECONDARY is set (not the primary address of its subnet)
     */
    record Address(int sequence, boolean deleted, int index, int address, int prefixLength, boolean secondary)
            implements RtnlMessage {
    }

    /**
     * {@code RTM_NEWROUTE} / {@code RTM_DELROUTE} of an IPv4 route ({@code struct rtmsg}).
     *
     * @param sequence the request's sequence number
     * @param deleted {@code true} for RTM_DELROUTE
     * @param table RTA_TABLE, else {@code rtm_table}
     * @param destination RTA_DST (0 for the default route)
     * @param length {@code rtm_dst_len}
     * @param tos {@code rtm_tos}
     * @param protocol {@code rtm_protocol} (2 kernel, 3 boot, 4 static, ...)
     * @param type {@code rtm_type} (1 unicast, 6 blackhole, 7 unreachable, ...)
     * @param oif RTA_OIF, or the first live next hop's interface of RTA_MULTIPATH; 0 if none
     * @param gateway RTA_GATEWAY of that next hop; 0 if directly connected
     * @param priority RTA_PRIORITY (the metric)
     * @param dead whether the (first) next hop is dead (RTNH_F_DEAD) and no live one exists
     */
    record Route(int sequence, boolean deleted, int table, int destination, int length, int tos, int protocol, int type,
                 int oif, int gateway, int priority, boolean dead) implements RtnlMessage {
    }

    /**
     * {@code NLMSG_DONE}: a dump is complete.
     *
     * @param sequence the request's sequence number
     * @param interrupted whether NLM_F_DUMP_INTR was seen: the table changed during the dump
     */
    record Done(int sequence, boolean interrupted) implements RtnlMessage {
    }

    /**
     * {@code NLMSG_ERROR}: a request failed (or, with error 0, an acknowledgement).
     *
     * @param sequence the request's sequence number
     * @param errno the positive error number, 0 for an acknowledgement
     */
    record Error(int sequence, int errno) implements RtnlMessage {
    }
}
