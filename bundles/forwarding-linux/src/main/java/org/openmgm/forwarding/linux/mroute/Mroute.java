package org.openmgm.forwarding.linux.mroute;

/** The multicast routing API of the kernel (include/uapi/linux/mroute.h) and its neighbours. */
final class Mroute {

    /** {@code MRT_INIT}: this socket becomes the owner of the table (one owner per table). */
    static final int MRT_INIT = 200;
    /** {@code MRT_DONE}: give the table up; the kernel removes the owner's VIFs and entries. */
    static final int MRT_DONE = 201;
    /** {@code MRT_ADD_VIF}, argument {@code struct vifctl}. */
    static final int MRT_ADD_VIF = 202;
    /** {@code MRT_DEL_VIF}, argument {@code struct vifctl}. */
    static final int MRT_DEL_VIF = 203;
    /** {@code MRT_ADD_MFC}, argument {@code struct mfcctl}: adds or updates (S,G) in place. */
    static final int MRT_ADD_MFC = 204;
    /** {@code MRT_DEL_MFC}, argument {@code struct mfcctl}. */
    static final int MRT_DEL_MFC = 205;
    /** {@code MRT_VERSION}: reads 0x0305. */
    static final int MRT_VERSION = 206;
    /** {@code MRT_ASSERT}: report packets on the wrong interface (IGMPMSG_WRONGVIF). */
    static final int MRT_ASSERT = 207;
    /**
     * {@code MRT_PIM}: sets assert mode too, and makes the kernel report a wrong interface even
     * when the arrival interface is not an outgoing one of the entry (net/ipv4/ipmr.c
     * ip_mr_forward).
     */
    static final int MRT_PIM = 208;
    /** {@code MRT_TABLE}: which table the socket's MRT calls address; before MRT_INIT. */
    static final int MRT_TABLE = 209;
    /** {@code MRT_FLUSH} (Linux 5.9+), argument the {@code MRT_FLUSH_*} flags. */
    static final int MRT_FLUSH = 212;

    /** {@code MRT_FLUSH_MFC}: entries the owner added (and the unresolved queue). */
    static final int MRT_FLUSH_MFC = 1;
    /** {@code MRT_FLUSH_MFC_STATIC}: entries other sockets added (they survive the owner). */
    static final int MRT_FLUSH_MFC_STATIC = 2;
    /** {@code MRT_FLUSH_VIFS}: VIFs the owner added. */
    static final int MRT_FLUSH_VIFS = 4;
    /** {@code MRT_FLUSH_VIFS_STATIC}: VIFs other sockets added. */
    static final int MRT_FLUSH_VIFS_STATIC = 8;
    /** Everything: what the plane leaves behind is nothing. */
    static final int MRT_FLUSH_ALL = MRT_FLUSH_MFC | MRT_FLUSH_MFC_STATIC | MRT_FLUSH_VIFS | MRT_FLUSH_VIFS_STATIC;

    /** {@code MAXVIFS}: VIF slots per table. */
    static final int MAXVIFS = 32;
    /** {@code VIFF_USE_IFINDEX}: {@code vifc_lcl_ifindex} names the interface. */
    static final int VIFF_USE_IFINDEX = 0x8;

    /** {@code SIOCGETVIFCNT} = SIOCPROTOPRIVATE (linux/sockios.h 0x89E0). */
    static final long SIOCGETVIFCNT = 0x89E0;
    /** {@code SIOCGETSGCNT} = SIOCPROTOPRIVATE + 1. */
    static final long SIOCGETSGCNT = 0x89E1;

    /** {@code IGMPMSG_NOCACHE}: a packet without an entry. */
    static final int IGMPMSG_NOCACHE = 1;
    /** {@code IGMPMSG_WRONGVIF}: a packet for an entry arrived on another interface. */
    static final int IGMPMSG_WRONGVIF = 2;
    /** {@code IGMPMSG_WHOLEPKT}: a whole packet from the PIM register VIF. */
    static final int IGMPMSG_WHOLEPKT = 3;
    /** {@code IGMPMSG_WRVIFWHOLE}: the whole packet after a WRONGVIF (MRT_PIM with value 4). */
    static final int IGMPMSG_WRVIFWHOLE = 4;

    /** Router Alert option (RFC 2113): copied flag, class 0, number 20, length 4, value 0. */
    static final byte[] ROUTER_ALERT = {(byte) 0x94, 0x04, 0x00, 0x00};

    /** The default multicast routing table (RT_TABLE_DEFAULT), used when MRT_TABLE is not set. */
    static final int RT_TABLE_DEFAULT = 253;

    private Mroute() {
    }
}
