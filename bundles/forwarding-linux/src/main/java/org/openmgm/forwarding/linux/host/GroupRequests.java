package org.openmgm.forwarding.linux.host;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.Collection;

import org.openmgm.api.FilterMode;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;

/**
 * The protocol-independent multicast source filter structures of RFC 3678 §5 as Linux lays them
 * out on 64-bit (linux/in.h): {@code struct group_req}, {@code struct group_source_req} and
 * {@code struct group_filter}, each address a {@code struct sockaddr_storage} of 128 bytes
 * aligned to 8, after a 4-byte interface index and 4 bytes of padding.
 */
final class GroupRequests {

    /** {@code MCAST_JOIN_GROUP} (linux/in.h). */
    static final int MCAST_JOIN_GROUP = 42;
    /** {@code MCAST_LEAVE_GROUP}. */
    static final int MCAST_LEAVE_GROUP = 45;
    /** {@code MCAST_JOIN_SOURCE_GROUP}. */
    static final int MCAST_JOIN_SOURCE_GROUP = 46;
    /** {@code MCAST_MSFILTER}. */
    static final int MCAST_MSFILTER = 48;
    /** {@code MCAST_EXCLUDE}: the filter mode value of EXCLUDE. */
    static final int MCAST_EXCLUDE = 0;
    /** {@code MCAST_INCLUDE}. */
    static final int MCAST_INCLUDE = 1;

    /** {@code sizeof(struct sockaddr_storage)}. */
    static final long SOCKADDR_STORAGE = 128;
    /** Offset of the group in every structure (after the index and its padding). */
    static final long GROUP = 8;
    /** {@code sizeof(struct group_req)}. */
    static final long GROUP_REQ = GROUP + SOCKADDR_STORAGE;
    /** Offset of {@code gsr_source}. */
    static final long SOURCE = GROUP + SOCKADDR_STORAGE;
    /** {@code sizeof(struct group_source_req)}. */
    static final long GROUP_SOURCE_REQ = SOURCE + SOCKADDR_STORAGE;
    /** Offset of {@code gf_fmode}. */
    static final long FMODE = GROUP + SOCKADDR_STORAGE;
    /** Offset of {@code gf_numsrc}. */
    static final long NUMSRC = FMODE + 4;
    /** Offset of {@code gf_slist}: {@code GROUP_FILTER_SIZE(0)}. */
    static final long SLIST = NUMSRC + 4;

    private GroupRequests() {
    }

    /**
     * Lays out a {@code struct group_req}.
     *
     * @param arena where
     * @param ifIndex the interface index
     * @param group the group
     * @return the structure
     */
    static MemorySegment groupReq(Arena arena, int ifIndex, InetAddress group) {
        MemorySegment s = arena.allocate(GROUP_REQ, 8);
        s.set(JAVA_INT, 0, ifIndex);
        sockaddrIn(s, GROUP, group);
        return s;
    }

    /**
     * Lays out a {@code struct group_source_req}.
     *
     * @param arena where
     * @param ifIndex the interface index
     * @param group the group
     * @param source the source
     * @return the structure
     */
    static MemorySegment groupSourceReq(Arena arena, int ifIndex, InetAddress group, InetAddress source) {
        MemorySegment s = arena.allocate(GROUP_SOURCE_REQ, 8);
        s.set(JAVA_INT, 0, ifIndex);
        sockaddrIn(s, GROUP, group);
        sockaddrIn(s, SOURCE, source);
        return s;
    }

    /**
     * Lays out a {@code struct group_filter} with its source list; its size is {@code
     * GROUP_FILTER_SIZE(numsrc)}.
     *
     * @param arena where
     * @param ifIndex the interface index
     * @param group the group
     * @param mode the filter mode
     * @param sources the sources
     * @return the structure, exactly as long as the kernel expects
     */
    static MemorySegment groupFilter(Arena arena, int ifIndex, InetAddress group, FilterMode mode,
                                     Collection<InetAddress> sources) {
        MemorySegment s = arena.allocate(SLIST + SOCKADDR_STORAGE * sources.size(), 8);
        s.set(JAVA_INT, 0, ifIndex);
        sockaddrIn(s, GROUP, group);
        s.set(JAVA_INT, FMODE, mode == FilterMode.INCLUDE ? MCAST_INCLUDE : MCAST_EXCLUDE);
        s.set(JAVA_INT, NUMSRC, sources.size());
        long at = SLIST;
        for (InetAddress source : sources) {
            sockaddrIn(s, at, source);
            at += SOCKADDR_STORAGE;
        }
        return s;
    }

    /** A {@code struct sockaddr_in} (family, port 0, address) at the start of a sockaddr_storage. */
    private static void sockaddrIn(MemorySegment s, long at, InetAddress address) {
        s.set(JAVA_SHORT, at, (short) Libc.AF_INET);
        MemorySegment.copy(MemorySegment.ofArray(address.getAddress()), 0, s, at + Structs.SIN_ADDR, 4);
    }
}
