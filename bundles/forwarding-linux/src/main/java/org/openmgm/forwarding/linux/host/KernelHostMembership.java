package org.openmgm.forwarding.linux.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.SysException;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This router as a host on Linux: the kernel's own host side of IGMP (RFC 3376 §5, with the
 * fallback to IGMPv1/v2 reports of §7.2 and answers to queries) driven through the socket API
 * of RFC 3678 on plain UDP sockets that are never bound, so they receive nothing.
 *
 * <h2>How a filter is set</h2>
 * A first INCLUDE filter joins with {@code MCAST_JOIN_SOURCE_GROUP} and a first EXCLUDE filter with
 * {@code MCAST_JOIN_GROUP}, so that no report states a filter nobody asked for (joining EXCLUDE {}
 * to narrow it to INCLUDE would announce the whole group for a moment); the full source list then
 * goes in one {@code MCAST_MSFILTER}, from which the kernel sends one state-change report
 * (RFC 3376 §5.1). Leaving is {@code MCAST_LEAVE_GROUP}.
 *
 * <h2>Kernel limits</h2>
 * Linux bounds the groups per socket ({@code net.ipv4.igmp_max_memberships}, 20 by default): when
 * a join is refused with ENOBUFS another socket is opened, so the number of groups is bounded by
 * memory only. It bounds the sources per filter too ({@code net.ipv4.igmp_max_msf}, 10 by
 * default): a longer list is refused, and rather than lose the group the filter widens to EXCLUDE
 * {} (the superset RFC 3376 §3.2 allows: more traffic, never less) with a warning naming the
 * sysctl; {@link #filters} then shows what the kernel really has.
 *
 * <h2>Threads and namespaces</h2>
 * Sockets belong to the network namespace of the thread that opens them: the first at
 * construction, further ones on the thread that needs them. Methods are synchronized.
 */
public final class KernelHostMembership implements HostMembership, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KernelHostMembership.class);
    /** IGMPv3 is what Linux speaks unless a querier makes it fall back. */
    private static final int VERSION = 3;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = Libc.newCallState(arena);
    private final IntPredicate interfaceExists;
    private final List<Integer> sockets = new ArrayList<>();
    private final Map<Integer, Integer> groupsPerSocket = new HashMap<>();
    private final Map<Key, Joined> joined = new LinkedHashMap<>();
    private boolean closed;

    private record Key(int ifIndex, InetAddress group) {
    }

    /** A joined group: the socket that holds it, what was asked, what the kernel has. */
    private record Joined(int fd, IgmpGroup requested, IgmpGroup applied) {
    }

    /**
     * Opens the first socket, in the calling thread's network namespace.
     *
     * @param interfaceExists tells whether an interface index is a current interface
     * @throws SysException if no socket can be opened
     */
    public KernelHostMembership(IntPredicate interfaceExists) {
        this.interfaceExists = interfaceExists;
        sockets.add(openSocket());
    }

    private int openSocket() {
        int fd = Libc.socket(state, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, Libc.IPPROTO_UDP);
        if (fd < 0) {
            throw new SysException("socket(AF_INET, SOCK_DGRAM) for host membership", Libc.errno(state));
        }
        groupsPerSocket.put(fd, 0);
        return fd;
    }

    @Override
    public synchronized void setFilter(InterfaceId ifId, InetAddress group, FilterMode mode, Set<InetAddress> sources) {
        if (closed) {
            throw new IllegalStateException("the Linux plane has stopped");
        }
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
            throw new IllegalArgumentException("not an IPv4 multicast group: " + group);
        }
        for (InetAddress s : sources) {
            if (!(s instanceof Inet4Address) || s.isMulticastAddress() || s.isAnyLocalAddress()) {
                throw new IllegalArgumentException("not an IPv4 unicast source: " + s);
            }
        }
        int ifIndex = ifId.ifIndex();
        if (!interfaceExists.test(ifIndex)) {
            throw new IllegalArgumentException("no interface with index " + ifIndex);
        }
        Key key = new Key(ifIndex, group);
        IgmpGroup want = new IgmpGroup(group, mode, sources, VERSION);
        Joined current = joined.get(key);
        if (!want.isJoined()) {
            if (current != null) {
                joined.remove(key);
                leave(current.fd(), key);
            }
            return;
        }
        if (current != null && current.requested().equals(want)) {
            return;
        }
        int fd = current != null ? current.fd() : join(key, want);
        IgmpGroup applied;
        try {
            applied = narrow(fd, key, want, current == null);
        } catch (RuntimeException e) {
            if (current == null) {
                leave(fd, key);
            }
            throw e;
        }
        joined.put(key, new Joined(fd, want, applied));
    }

    /** Joins on a socket with room, opening one when every socket is full. */
    private int join(Key key, IgmpGroup want) {
        try (Arena call = Arena.ofConfined()) {
            boolean bySource = want.mode() == FilterMode.INCLUDE;
            MemorySegment request = bySource
                    ? GroupRequests.groupSourceReq(call, key.ifIndex(), key.group(), want.sources().iterator().next())
                    : GroupRequests.groupReq(call, key.ifIndex(), key.group());
            int option = bySource ? GroupRequests.MCAST_JOIN_SOURCE_GROUP : GroupRequests.MCAST_JOIN_GROUP;
            for (int i = 0; ; i++) {
                if (i == sockets.size()) {
                    sockets.add(openSocket());
                    log.debug("host membership: socket {} opened (net.ipv4.igmp_max_memberships reached)", i + 1);
                }
                int fd = sockets.get(i);
                if (Libc.setsockopt(state, fd, Libc.IPPROTO_IP, option, request, (int) request.byteSize()) == 0) {
                    groupsPerSocket.merge(fd, 1, Integer::sum);
                    return fd;
                }
                int errno = Libc.errno(state);
                if (errno != Errno.ENOBUFS) {
                    throw refused(bySource ? "MCAST_JOIN_SOURCE_GROUP" : "MCAST_JOIN_GROUP", key, errno);
                }
            }
        }
    }

    /** Sets the exact filter, unless the join already made it; widens when the kernel's limit is hit. */
    private IgmpGroup narrow(int fd, Key key, IgmpGroup want, boolean justJoined) {
        boolean joinMadeIt = justJoined && (want.mode() == FilterMode.INCLUDE
                ? want.sources().size() == 1 : want.sources().isEmpty());
        if (joinMadeIt) {
            return want;
        }
        int errno = msfilter(fd, key, want.mode(), want.sources());
        if (errno == 0) {
            return want;
        }
        if (errno != Errno.ENOBUFS) {
            throw refused("MCAST_MSFILTER", key, errno);
        }
        log.warn("The kernel refuses a filter of {} sources for {} on interface {} (net.ipv4.igmp_max_msf is lower):"
                + " joined as EXCLUDE {{}} instead, which receives every source; raise the sysctl to keep the filter",
                want.sources().size(), key.group().getHostAddress(), key.ifIndex());
        int again = msfilter(fd, key, FilterMode.EXCLUDE, Set.of());
        if (again != 0) {
            throw refused("MCAST_MSFILTER", key, again);
        }
        return new IgmpGroup(key.group(), FilterMode.EXCLUDE, Set.of(), VERSION);
    }

    private int msfilter(int fd, Key key, FilterMode mode, Set<InetAddress> sources) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment filter = GroupRequests.groupFilter(call, key.ifIndex(), key.group(), mode, sources);
            return Libc.setsockopt(state, fd, Libc.IPPROTO_IP, GroupRequests.MCAST_MSFILTER, filter,
                    (int) filter.byteSize()) == 0 ? 0 : Libc.errno(state);
        }
    }

    private void leave(int fd, Key key) {
        groupsPerSocket.merge(fd, -1, Integer::sum);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment request = GroupRequests.groupReq(call, key.ifIndex(), key.group());
            if (Libc.setsockopt(state, fd, Libc.IPPROTO_IP, GroupRequests.MCAST_LEAVE_GROUP, request,
                    (int) request.byteSize()) != 0) {
                // The interface went away and took the membership with it: nothing is left to leave.
                log.debug("MCAST_LEAVE_GROUP {} on {}: {}", key.group().getHostAddress(), key.ifIndex(),
                        Errno.describe(Libc.errno(state)));
            }
        }
    }

    private static IllegalStateException refused(String option, Key key, int errno) {
        return new IllegalStateException("setsockopt(" + option + ") for " + key.group().getHostAddress()
                + " on interface " + key.ifIndex() + " refused: " + Errno.describe(errno));
    }

    @Override
    public synchronized Map<InetAddress, IgmpGroup> filters(InterfaceId ifId) {
        Map<InetAddress, IgmpGroup> result = new LinkedHashMap<>();
        joined.forEach((key, j) -> {
            if (key.ifIndex() == ifId.ifIndex()) {
                result.put(key.group(), j.applied());
            }
        });
        return Map.copyOf(result);
    }

    /**
     * Forgets the groups of an interface that is gone (the kernel dropped them with it).
     *
     * @param ifIndex the interface index
     */
    public synchronized void interfaceRemoved(int ifIndex) {
        joined.entrySet().removeIf(e -> {
            if (e.getKey().ifIndex() == ifIndex) {
                groupsPerSocket.merge(e.getValue().fd(), -1, Integer::sum);
                return true;
            }
            return false;
        });
    }

    /**
     * Closes every socket: the kernel leaves every group (and reports so). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        joined.clear();
        for (int fd : sockets) {
            Libc.close(state, fd);
        }
        sockets.clear();
        arena.close();
    }
}
