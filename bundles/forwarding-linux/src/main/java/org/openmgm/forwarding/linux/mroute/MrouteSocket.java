package org.openmgm.forwarding.linux.mroute;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;
import org.openmgm.forwarding.linux.sys.SysException;

/**
 * The raw IGMP socket that owns a kernel multicast routing table: {@code socket(AF_INET, SOCK_RAW,
 * IPPROTO_IGMP)}, {@code MRT_TABLE}, {@code MRT_INIT}, VIFs, MFC entries, counters, and the IGMP
 * sending options (TTL 1, Router Alert, no loopback, IP_PKTINFO).
 *
 * <p>Native memory is allocated once per socket and reused: {@link #addMfc} fills one {@code
 * struct mfcctl} and makes one system call, without allocating. Two locks keep the callers apart:
 * table changes (the MGM's thread) and counters (any reader); sending belongs to {@link
 * IgmpSender}, receiving to {@link SocketReader}.
 */
public final class MrouteSocket implements AutoCloseable {

    /** The call that needs CAP_NET_RAW. */
    public static final String CALL_SOCKET = "socket(AF_INET, SOCK_RAW, IPPROTO_IGMP)";
    /** The first multicast routing call; ENOPROTOOPT when the kernel has no CONFIG_IP_MROUTE. */
    public static final String CALL_VERSION = "getsockopt(MRT_VERSION)";
    /** The call that selects the table; fails without CONFIG_IP_MROUTE_MULTIPLE_TABLES. */
    public static final String CALL_TABLE = "setsockopt(MRT_TABLE)";
    /** The call that takes the table; EADDRINUSE when another router owns it. */
    public static final String CALL_INIT = "setsockopt(MRT_INIT)";

    private static final int MFCCTL_SIZE = (int) Structs.MFCCTL.byteSize();
    private static final int RECEIVE_BUFFER = 1 << 20;   // absorbs an upcall burst while the MGM catches up

    private final int fd;
    private final int table;
    private final Arena arena = Arena.ofShared();
    private final Object control = new Object();
    private final MemorySegment controlState = Libc.newCallState(arena);
    private final MemorySegment mfc = arena.allocate(Structs.MFCCTL);
    private final MemorySegment vifctl = arena.allocate(Structs.VIFCTL);
    private final MemorySegment intValue = arena.allocate(JAVA_INT);
    private final MemorySegment lengthValue = arena.allocate(JAVA_INT);
    private final Object counters = new Object();
    private final MemorySegment counterState = Libc.newCallState(arena);
    private final MemorySegment sgReq = arena.allocate(Structs.SIOC_SG_REQ);
    private final MemorySegment vifReq = arena.allocate(Structs.SIOC_VIF_REQ);
    private int threshold = 1;
    private boolean allWrongIf;
    private boolean closed;

    private MrouteSocket(int fd, int table) {
        this.fd = fd;
        this.table = table;
    }

    /**
     * Opens the socket and takes a table: MRT_TABLE (when {@code table} is set), MRT_INIT, then
     * MRT_FLUSH of anything left in it, assert mode, and the IGMP options.
     *
     * @param table the multicast routing table, or -1 for the kernel's default (253)
     * @param allWrongInterfaces {@code true} to have every wrong-interface packet reported
     *     (MRT_PIM), {@code false} only those arriving on an outgoing interface (MRT_ASSERT)
     * @return the socket
     * @throws SysException naming the failed call ({@link #CALL_SOCKET}, {@link #CALL_TABLE},
     *     {@link #CALL_INIT}, ...); nothing stays open
     */
    public static MrouteSocket open(int table, boolean allWrongInterfaces) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(scratch);
            int fd = Libc.socket(state, Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_IGMP);
            if (fd < 0) {
                throw new SysException(CALL_SOCKET, Libc.errno(state));
            }
            MrouteSocket s = new MrouteSocket(fd, table < 0 ? Mroute.RT_TABLE_DEFAULT : table);
            try {
                s.init(table, allWrongInterfaces);
                return s;
            } catch (RuntimeException e) {
                s.closeQuietly(false);
                throw e;
            }
        }
    }

    private void init(int requestedTable, boolean allWrongInterfaces) {
        synchronized (control) {
            version();                                  // tells "no multicast routing" from the rest
            if (requestedTable >= 0) {
                setInt(Mroute.MRT_TABLE, requestedTable, CALL_TABLE);
            }
            setInt(Mroute.MRT_INIT, 1, CALL_INIT);
            flush(true);
            // Without assert mode the kernel counts wrong-interface packets but never reports them.
            // MRT_PIM needs CONFIG_IP_PIMSM_V1/V2; without it only outgoing interfaces are reported.
            allWrongIf = allWrongInterfaces && tryInt(Mroute.MRT_PIM, 1);
            if (!allWrongIf) {
                setInt(Mroute.MRT_ASSERT, 1, "setsockopt(MRT_ASSERT)");
            }
            setOption(Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1, "setsockopt(IP_PKTINFO)");
            setOption(Libc.IPPROTO_IP, Libc.IP_MULTICAST_LOOP, 0, "setsockopt(IP_MULTICAST_LOOP)");
            setOption(Libc.IPPROTO_IP, Libc.IP_MULTICAST_TTL, 1, "setsockopt(IP_MULTICAST_TTL)");
            setOption(Libc.IPPROTO_IP, Libc.IP_TTL, 1, "setsockopt(IP_TTL)");
            // Every IGMP message this socket sends carries Router Alert (RFC 2236 §2, RFC 3376 §4).
            MemorySegment ra = arena.allocate(4);
            MemorySegment.copy(Mroute.ROUTER_ALERT, 0, ra, JAVA_BYTE, 0, 4);
            check(Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Libc.IP_OPTIONS, ra, 4), "setsockopt(IP_OPTIONS)");
            // Every IGMP datagram the host accepts, whichever socket joined its group (the default, said out loud).
            setOption(Libc.IPPROTO_IP, Libc.IP_MULTICAST_ALL, 1, "setsockopt(IP_MULTICAST_ALL)");
            if (!tryOption(Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, RECEIVE_BUFFER)) {
                setOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, RECEIVE_BUFFER, "setsockopt(SO_RCVBUF)");
            }
        }
    }

    /**
     * Returns the descriptor, for the reader.
     *
     * @return the file descriptor
     */
    public int fd() {
        return fd;
    }

    /**
     * Returns the table this socket owns.
     *
     * @return the table id (253 when none was chosen)
     */
    public int table() {
        return table;
    }

    /**
     * Tells whether the kernel reports every packet on a wrong interface (MRT_PIM), or only those
     * arriving on an outgoing interface of the entry (MRT_ASSERT alone).
     *
     * @return {@code true} with MRT_PIM
     */
    public boolean reportsAllWrongInterfaces() {
        synchronized (control) {
            return allWrongIf;
        }
    }

    /**
     * Reads the kernel's multicast routing API version.
     *
     * @return e.g. 0x0305
     */
    public int version() {
        synchronized (control) {
            MemorySegment length = lengthValue;
            length.set(JAVA_INT, 0, 4);
            check(Libc.getsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_VERSION, intValue, length),
                    CALL_VERSION);
            return intValue.get(JAVA_INT, 0);
        }
    }

    /**
     * Sets the TTL threshold of outgoing interfaces in later {@link #addMfc} calls.
     *
     * @param ttl 1 to 255: packets whose TTL is above it are forwarded
     */
    public void threshold(int ttl) {
        synchronized (control) {
            threshold = ttl;
        }
    }

    /**
     * Adds a VIF for an interface ({@code VIFF_USE_IFINDEX}).
     *
     * @param vif the slot, below 32
     * @param ifIndex the interface index
     * @throws SysException if the kernel refuses
     */
    public void addVif(int vif, int ifIndex) {
        synchronized (control) {
            encodeVif(vifctl, vif, ifIndex);
            check(Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_ADD_VIF, vifctl,
                    (int) Structs.VIFCTL.byteSize()), "setsockopt(MRT_ADD_VIF)");
        }
    }

    /**
     * Deletes a VIF.
     *
     * @param vif the slot
     * @return {@code false} if the kernel had no such VIF (it removes VIFs of vanished devices itself)
     * @throws SysException if the kernel refuses otherwise
     */
    public boolean delVif(int vif) {
        synchronized (control) {
            encodeVif(vifctl, vif, 0);
            if (Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_DEL_VIF, vifctl,
                    (int) Structs.VIFCTL.byteSize()) == 0) {
                return true;
            }
            int errno = Libc.errno(controlState);
            if (errno == Errno.EADDRNOTAVAIL) {
                return false;
            }
            throw new SysException("setsockopt(MRT_DEL_VIF)", errno);
        }
    }

    /**
     * Adds or updates the entry of an (S,G): the kernel updates an existing entry in place.
     *
     * @param origin the source as an int
     * @param group the group as an int
     * @param parent the incoming VIF
     * @param oifs the outgoing VIFs, bit {@code v} for VIF {@code v}
     * @throws SysException if the kernel refuses
     */
    public void addMfc(int origin, int group, int parent, int oifs) {
        synchronized (control) {
            encodeMfc(mfc, origin, group, parent, oifs, threshold);
            if (Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_ADD_MFC, mfc, MFCCTL_SIZE) != 0) {
                throw new SysException("setsockopt(MRT_ADD_MFC)", Libc.errno(controlState));
            }
        }
    }

    /**
     * Fills a {@code struct mfcctl}: origin, group, parent, and the TTL threshold of each outgoing
     * VIF (0 elsewhere: not forwarded). The counters and {@code mfcc_expire} are left as they are
     * (the kernel ignores them and they stay 0 in a reused segment).
     *
     * @param m at least 60 bytes
     * @param origin the source as an int
     * @param group the group as an int
     * @param parent the incoming VIF
     * @param oifs the outgoing VIFs, bit {@code v} for VIF {@code v}
     * @param threshold the TTL threshold, 1 to 255
     */
    static void encodeMfc(MemorySegment m, int origin, int group, int parent, int oifs, int threshold) {
        m.set(Structs.NET_INT, Structs.MFCC_ORIGIN, origin);
        m.set(Structs.NET_INT, Structs.MFCC_MCASTGRP, group);
        m.set(JAVA_SHORT, Structs.MFCC_PARENT, (short) parent);
        long ttls = Structs.MFCC_TTLS;                        // 32 bytes: four stores, no loop
        m.set(JAVA_LONG_UNALIGNED, ttls, 0L);
        m.set(JAVA_LONG_UNALIGNED, ttls + 8, 0L);
        m.set(JAVA_LONG_UNALIGNED, ttls + 16, 0L);
        m.set(JAVA_LONG_UNALIGNED, ttls + 24, 0L);
        for (int bits = oifs; bits != 0; bits &= bits - 1) {
            m.set(JAVA_BYTE, ttls + Integer.numberOfTrailingZeros(bits), (byte) threshold);
        }
    }

    /**
     * Fills a {@code struct vifctl} for an interface by index ({@code VIFF_USE_IFINDEX}, threshold 1).
     *
     * @param v at least 16 bytes
     * @param vif the slot
     * @param ifIndex the interface index (0 for MRT_DEL_VIF, which reads only the slot)
     */
    static void encodeVif(MemorySegment v, int vif, int ifIndex) {
        v.asSlice(0, Structs.VIFCTL.byteSize()).fill((byte) 0);
        v.set(JAVA_SHORT, Structs.VIFC_VIFI, (short) vif);
        if (ifIndex != 0) {
            v.set(JAVA_BYTE, Structs.VIFC_FLAGS, (byte) Mroute.VIFF_USE_IFINDEX);
            v.set(JAVA_BYTE, Structs.VIFC_THRESHOLD, (byte) 1);
            v.set(JAVA_INT, Structs.VIFC_LCL_IFINDEX, ifIndex);
        }
    }

    /**
     * Deletes the entry of an (S,G), whatever its parent.
     *
     * @param origin the source as an int
     * @param group the group as an int
     * @return {@code false} if the kernel had no such entry
     * @throws SysException if the kernel refuses otherwise
     */
    public boolean delMfc(int origin, int group) {
        synchronized (control) {
            mfc.set(Structs.NET_INT, Structs.MFCC_ORIGIN, origin);
            mfc.set(Structs.NET_INT, Structs.MFCC_MCASTGRP, group);
            if (Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_DEL_MFC, mfc, MFCCTL_SIZE) == 0) {
                return true;
            }
            int errno = Libc.errno(controlState);
            if (errno == Errno.ENOENT) {
                return false;
            }
            throw new SysException("setsockopt(MRT_DEL_MFC)", errno);
        }
    }

    /**
     * Removes every VIF and entry of the table, the static ones other sockets left included.
     *
     * @param quietIfUnsupported {@code true} to ignore a kernel older than 5.9 without MRT_FLUSH
     * @return {@code false} if the kernel has no MRT_FLUSH and it was ignored
     */
    public boolean flush(boolean quietIfUnsupported) {
        synchronized (control) {
            intValue.set(JAVA_INT, 0, Mroute.MRT_FLUSH_ALL);
            if (Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_FLUSH, intValue, 4) == 0) {
                return true;
            }
            int errno = Libc.errno(controlState);
            if (quietIfUnsupported && (errno == Errno.ENOPROTOOPT || errno == Errno.EINVAL)) {
                return false;
            }
            throw new SysException("setsockopt(MRT_FLUSH)", errno);
        }
    }

    /**
     * Reads the counters of an entry (SIOCGETSGCNT).
     *
     * @param origin the source as an int
     * @param group the group as an int
     * @param out receives packets, bytes and wrong-interface packets
     * @return {@code false} if the kernel has no such entry
     */
    public boolean sgCounters(int origin, int group, long[] out) {
        synchronized (counters) {
            sgReq.fill((byte) 0);
            sgReq.set(Structs.NET_INT, Structs.SG_SRC, origin);
            sgReq.set(Structs.NET_INT, Structs.SG_GRP, group);
            if (Libc.ioctl(counterState, fd, Mroute.SIOCGETSGCNT, sgReq) < 0) {
                int errno = Libc.errno(counterState);
                if (errno == Errno.EADDRNOTAVAIL) {
                    return false;
                }
                throw new SysException("ioctl(SIOCGETSGCNT)", errno);
            }
            out[0] = sgReq.get(JAVA_LONG, Structs.SG_PKTCNT);
            out[1] = sgReq.get(JAVA_LONG, Structs.SG_BYTECNT);
            out[2] = sgReq.get(JAVA_LONG, Structs.SG_WRONG_IF);
            return true;
        }
    }

    /**
     * Reads the counters of a VIF (SIOCGETVIFCNT).
     *
     * @param vif the slot
     * @param out receives packets in, packets out, bytes in, bytes out
     * @return {@code false} if the kernel has no such VIF
     */
    public boolean vifCounters(int vif, long[] out) {
        synchronized (counters) {
            vifReq.fill((byte) 0);
            vifReq.set(JAVA_SHORT, Structs.VIF_VIFI, (short) vif);
            if (Libc.ioctl(counterState, fd, Mroute.SIOCGETVIFCNT, vifReq) < 0) {
                int errno = Libc.errno(counterState);
                if (errno == Errno.EADDRNOTAVAIL || errno == Errno.EINVAL) {
                    return false;
                }
                throw new SysException("ioctl(SIOCGETVIFCNT)", errno);
            }
            out[0] = vifReq.get(JAVA_LONG, Structs.VIF_ICOUNT);
            out[1] = vifReq.get(JAVA_LONG, Structs.VIF_OCOUNT);
            out[2] = vifReq.get(JAVA_LONG, Structs.VIF_IBYTES);
            out[3] = vifReq.get(JAVA_LONG, Structs.VIF_OBYTES);
            return true;
        }
    }

    /**
     * Gives the table up and closes the socket: MRT_FLUSH of everything, MRT_DONE, close. The
     * reader must have stopped. Idempotent.
     */
    @Override
    public void close() {
        closeQuietly(true);
    }

    private void closeQuietly(boolean flush) {
        synchronized (control) {
            synchronized (counters) {
                if (closed) {
                    return;
                }
                closed = true;
                if (flush) {
                    try {
                        flush(true);
                    } catch (SysException e) {
                        // MRT_DONE below still removes what this socket added.
                    }
                    intValue.set(JAVA_INT, 0, 0);
                    Libc.setsockopt(controlState, fd, Libc.IPPROTO_IP, Mroute.MRT_DONE, intValue, 4);
                }
                Libc.close(controlState, fd);
                arena.close();
            }
        }
    }

    private void setInt(int option, int value, String call) {
        setOption(Libc.IPPROTO_IP, option, value, call);
    }

    private boolean tryInt(int option, int value) {
        return tryOption(Libc.IPPROTO_IP, option, value);
    }

    private boolean tryOption(int level, int option, int value) {
        intValue.set(JAVA_INT, 0, value);
        return Libc.setsockopt(controlState, fd, level, option, intValue, 4) == 0;
    }

    private void setOption(int level, int option, int value, String call) {
        intValue.set(JAVA_INT, 0, value);
        check(Libc.setsockopt(controlState, fd, level, option, intValue, 4), call);
    }

    private void check(int result, String call) {
        if (result != 0) {
            throw new SysException(call, Libc.errno(controlState));
        }
    }
}
