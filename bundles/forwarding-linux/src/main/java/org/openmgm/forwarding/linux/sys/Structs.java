package org.openmgm.forwarding.linux.sys;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The C structures the plane exchanges with the kernel, as FFM layouts for x86-64 and other LP64
 * Linux targets (int 4 bytes, long and pointers 8), with the byte offsets of their fields. The
 * sizes are what the kernel checks ({@code sizeof(struct mfcctl)} = 60 and so on); {@code
 * StructsTest} pins each one. IPv4 addresses ({@code struct in_addr}) are in network byte order:
 * write them with {@link #NET_INT} from the {@code int} form {@code a << 24 | b << 16 | c << 8 | d}.
 */
public final class Structs {

    /** A 32-bit value in network byte order, e.g. {@code struct in_addr}. */
    public static final ValueLayout.OfInt NET_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN).withByteAlignment(1);
    /** A 16-bit value in network byte order, e.g. a port. */
    public static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withByteAlignment(1);

    /** {@code struct vifctl} (linux/mroute.h): the argument of MRT_ADD_VIF and MRT_DEL_VIF. */
    public static final StructLayout VIFCTL = structLayout(
            JAVA_SHORT.withName("vifc_vifi"),
            JAVA_BYTE.withName("vifc_flags"),
            JAVA_BYTE.withName("vifc_threshold"),
            JAVA_INT.withName("vifc_rate_limit"),
            NET_INT.withByteAlignment(4).withName("vifc_lcl_addr"),   // union with int vifc_lcl_ifindex
            NET_INT.withByteAlignment(4).withName("vifc_rmt_addr"));
    /** Offset of {@code vifc_vifi}. */
    public static final long VIFC_VIFI = offset(VIFCTL, "vifc_vifi");
    /** Offset of {@code vifc_flags}. */
    public static final long VIFC_FLAGS = offset(VIFCTL, "vifc_flags");
    /** Offset of {@code vifc_threshold}. */
    public static final long VIFC_THRESHOLD = offset(VIFCTL, "vifc_threshold");
    /** Offset of {@code vifc_lcl_ifindex} (the union with {@code vifc_lcl_addr}). */
    public static final long VIFC_LCL_IFINDEX = offset(VIFCTL, "vifc_lcl_addr");

    /** {@code struct mfcctl} (linux/mroute.h): the argument of MRT_ADD_MFC and MRT_DEL_MFC. */
    public static final StructLayout MFCCTL = structLayout(
            NET_INT.withByteAlignment(4).withName("mfcc_origin"),
            NET_INT.withByteAlignment(4).withName("mfcc_mcastgrp"),
            JAVA_SHORT.withName("mfcc_parent"),
            sequenceLayout(32, JAVA_BYTE).withName("mfcc_ttls"),           // MAXVIFS
            paddingLayout(2),
            JAVA_INT.withName("mfcc_pkt_cnt"),
            JAVA_INT.withName("mfcc_byte_cnt"),
            JAVA_INT.withName("mfcc_wrong_if"),
            JAVA_INT.withName("mfcc_expire"));
    /** Offset of {@code mfcc_origin}. */
    public static final long MFCC_ORIGIN = offset(MFCCTL, "mfcc_origin");
    /** Offset of {@code mfcc_mcastgrp}. */
    public static final long MFCC_MCASTGRP = offset(MFCCTL, "mfcc_mcastgrp");
    /** Offset of {@code mfcc_parent}. */
    public static final long MFCC_PARENT = offset(MFCCTL, "mfcc_parent");
    /** Offset of {@code mfcc_ttls[0]}. */
    public static final long MFCC_TTLS = offset(MFCCTL, "mfcc_ttls");

    /**
     * {@code struct igmpmsg} (linux/mroute.h): the head of an upcall, laid over the IP header of
     * the packet that caused it ({@code im_mbz} is the IP protocol byte, 0 for an upcall).
     */
    public static final StructLayout IGMPMSG = structLayout(
            JAVA_INT.withName("unused1"),
            JAVA_INT.withName("unused2"),
            JAVA_BYTE.withName("im_msgtype"),
            JAVA_BYTE.withName("im_mbz"),
            JAVA_BYTE.withName("im_vif"),
            JAVA_BYTE.withName("im_vif_hi"),
            NET_INT.withByteAlignment(4).withName("im_src"),
            NET_INT.withByteAlignment(4).withName("im_dst"));
    /** Offset of {@code im_msgtype}. */
    public static final long IM_MSGTYPE = offset(IGMPMSG, "im_msgtype");
    /** Offset of {@code im_mbz}. */
    public static final long IM_MBZ = offset(IGMPMSG, "im_mbz");
    /** Offset of {@code im_vif}. */
    public static final long IM_VIF = offset(IGMPMSG, "im_vif");
    /** Offset of {@code im_vif_hi}. */
    public static final long IM_VIF_HI = offset(IGMPMSG, "im_vif_hi");
    /** Offset of {@code im_src}. */
    public static final long IM_SRC = offset(IGMPMSG, "im_src");
    /** Offset of {@code im_dst}. */
    public static final long IM_DST = offset(IGMPMSG, "im_dst");

    /** {@code struct sioc_sg_req} (linux/mroute.h): the argument of the SIOCGETSGCNT ioctl. */
    public static final StructLayout SIOC_SG_REQ = structLayout(
            NET_INT.withByteAlignment(4).withName("src"),
            NET_INT.withByteAlignment(4).withName("grp"),
            JAVA_LONG.withName("pktcnt"),
            JAVA_LONG.withName("bytecnt"),
            JAVA_LONG.withName("wrong_if"));
    /** Offset of {@code src}. */
    public static final long SG_SRC = offset(SIOC_SG_REQ, "src");
    /** Offset of {@code grp}. */
    public static final long SG_GRP = offset(SIOC_SG_REQ, "grp");
    /** Offset of {@code pktcnt}. */
    public static final long SG_PKTCNT = offset(SIOC_SG_REQ, "pktcnt");
    /** Offset of {@code bytecnt}. */
    public static final long SG_BYTECNT = offset(SIOC_SG_REQ, "bytecnt");
    /** Offset of {@code wrong_if}. */
    public static final long SG_WRONG_IF = offset(SIOC_SG_REQ, "wrong_if");

    /** {@code struct sioc_vif_req} (linux/mroute.h): the argument of the SIOCGETVIFCNT ioctl. */
    public static final StructLayout SIOC_VIF_REQ = structLayout(
            JAVA_SHORT.withName("vifi"),
            paddingLayout(6),
            JAVA_LONG.withName("icount"),
            JAVA_LONG.withName("ocount"),
            JAVA_LONG.withName("ibytes"),
            JAVA_LONG.withName("obytes"));
    /** Offset of {@code vifi}. */
    public static final long VIF_VIFI = offset(SIOC_VIF_REQ, "vifi");
    /** Offset of {@code icount}. */
    public static final long VIF_ICOUNT = offset(SIOC_VIF_REQ, "icount");
    /** Offset of {@code ocount}. */
    public static final long VIF_OCOUNT = offset(SIOC_VIF_REQ, "ocount");
    /** Offset of {@code ibytes}. */
    public static final long VIF_IBYTES = offset(SIOC_VIF_REQ, "ibytes");
    /** Offset of {@code obytes}. */
    public static final long VIF_OBYTES = offset(SIOC_VIF_REQ, "obytes");

    /** {@code struct ip_mreqn} (linux/in.h): IP_ADD_MEMBERSHIP by interface index. */
    public static final StructLayout IP_MREQN = structLayout(
            NET_INT.withByteAlignment(4).withName("imr_multiaddr"),
            NET_INT.withByteAlignment(4).withName("imr_address"),
            JAVA_INT.withName("imr_ifindex"));
    /** Offset of {@code imr_ifindex}. */
    public static final long IMR_IFINDEX = offset(IP_MREQN, "imr_ifindex");

    /** {@code struct in_pktinfo} (linux/in.h): IP_PKTINFO ancillary data. */
    public static final StructLayout IN_PKTINFO = structLayout(
            JAVA_INT.withName("ipi_ifindex"),
            NET_INT.withByteAlignment(4).withName("ipi_spec_dst"),
            NET_INT.withByteAlignment(4).withName("ipi_addr"));
    /** Offset of {@code ipi_ifindex}. */
    public static final long IPI_IFINDEX = offset(IN_PKTINFO, "ipi_ifindex");
    /** Offset of {@code ipi_spec_dst}. */
    public static final long IPI_SPEC_DST = offset(IN_PKTINFO, "ipi_spec_dst");

    /** {@code struct sockaddr_in} (linux/in.h). */
    public static final StructLayout SOCKADDR_IN = structLayout(
            JAVA_SHORT.withName("sin_family"),
            NET_SHORT.withByteAlignment(2).withName("sin_port"),
            NET_INT.withByteAlignment(4).withName("sin_addr"),
            paddingLayout(8));
    /** Offset of {@code sin_addr}. */
    public static final long SIN_ADDR = offset(SOCKADDR_IN, "sin_addr");

    /** {@code struct sockaddr_nl} (linux/netlink.h). */
    public static final StructLayout SOCKADDR_NL = structLayout(
            JAVA_SHORT.withName("nl_family"),
            paddingLayout(2),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups"));
    /** Offset of {@code nl_pid}. */
    public static final long NL_PID = offset(SOCKADDR_NL, "nl_pid");

    /** {@code struct iovec} (bits/types/struct_iovec.h). */
    public static final StructLayout IOVEC = structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));
    /** Offset of {@code iov_len}. */
    public static final long IOV_LEN = offset(IOVEC, "iov_len");

    /** {@code struct msghdr} (bits/socket.h). */
    public static final StructLayout MSGHDR = structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            paddingLayout(4));
    /** Offset of {@code msg_name}. */
    public static final long MSG_NAME = offset(MSGHDR, "msg_name");
    /** Offset of {@code msg_namelen}. */
    public static final long MSG_NAMELEN = offset(MSGHDR, "msg_namelen");
    /** Offset of {@code msg_iov}. */
    public static final long MSG_IOV = offset(MSGHDR, "msg_iov");
    /** Offset of {@code msg_iovlen}. */
    public static final long MSG_IOVLEN = offset(MSGHDR, "msg_iovlen");
    /** Offset of {@code msg_control}. */
    public static final long MSG_CONTROL = offset(MSGHDR, "msg_control");
    /** Offset of {@code msg_controllen}. */
    public static final long MSG_CONTROLLEN = offset(MSGHDR, "msg_controllen");
    /** Offset of {@code msg_flags}. */
    public static final long MSG_FLAGS = offset(MSGHDR, "msg_flags");

    /** {@code struct cmsghdr} (bits/socket.h); its data follows at {@link #CMSG_DATA}. */
    public static final StructLayout CMSGHDR = structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type"));
    /** Offset of {@code cmsg_level}. */
    public static final long CMSG_LEVEL = offset(CMSGHDR, "cmsg_level");
    /** Offset of {@code cmsg_type}. */
    public static final long CMSG_TYPE = offset(CMSGHDR, "cmsg_type");
    /** {@code CMSG_DATA}: where a control message's data starts. */
    public static final long CMSG_DATA = CMSGHDR.byteSize();

    /** {@code struct pollfd} (poll.h). */
    public static final StructLayout POLLFD = structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));
    /** Offset of {@code events}. */
    public static final long POLL_EVENTS = offset(POLLFD, "events");
    /** Offset of {@code revents}. */
    public static final long POLL_REVENTS = offset(POLLFD, "revents");

    private Structs() {
    }

    /**
     * {@code CMSG_ALIGN}: control messages are aligned to {@code sizeof(size_t)}.
     *
     * @param length a length
     * @return it rounded up to a multiple of 8
     */
    public static long cmsgAlign(long length) {
        return (length + 7) & ~7L;
    }

    /**
     * {@code CMSG_SPACE}: the room a control message with this much data takes.
     *
     * @param dataLength the data's length
     * @return header plus aligned data
     */
    public static long cmsgSpace(long dataLength) {
        return CMSG_DATA + cmsgAlign(dataLength);
    }

    /**
     * {@code CMSG_LEN}: the {@code cmsg_len} of a control message with this much data.
     *
     * @param dataLength the data's length
     * @return header plus data
     */
    public static long cmsgLen(long dataLength) {
        return CMSG_DATA + dataLength;
    }

    /**
     * Writes a {@code struct sockaddr_in}.
     *
     * @param s at least 16 bytes
     * @param address the IPv4 address as an int
     * @param port the port (0 for raw sockets)
     */
    public static void sockaddrIn(MemorySegment s, int address, int port) {
        s.asSlice(0, SOCKADDR_IN.byteSize()).fill((byte) 0);
        s.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
        s.set(NET_SHORT, 2, (short) port);
        s.set(NET_INT, SIN_ADDR, address);
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }
}
