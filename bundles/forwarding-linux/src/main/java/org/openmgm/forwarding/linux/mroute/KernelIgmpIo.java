package org.openmgm.forwarding.linux.mroute;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.Inet4;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;
import org.openmgm.forwarding.linux.sys.SysException;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.IgmpPacketIo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IGMP packet I/O on the multicast routing socket. Receiving: the {@link SocketReader} hands over
 * each IGMP datagram with its arrival interface (IP_PKTINFO); the IP header is parsed for TTL,
 * addresses and Router Alert, and the packet goes to the receiver if IGMP is enabled on that
 * interface. What this host itself sends (its kernel's own reports, looped back) is dropped: a
 * packet whose source is an address of its arrival interface comes from no neighbour. Sending:
 * {@link IgmpSender} (TTL 1, Router Alert, no loopback of our own messages), from the
 * interface's primary address.
 *
 * <p>{@link #enable} joins 224.0.0.22 (IGMPv3 reports, RFC 3376 §4.2.14) and 224.0.0.2 (IGMPv2
 * leaves, RFC 2236 §3) on the interface; without that the kernel does not deliver them to any
 * socket. The joins are made on one small UDP socket per interface, not on the routing socket,
 * because a socket may hold only {@code net.ipv4.igmp_max_memberships} (20) groups while a router
 * has up to 32 interfaces; a raw socket receives every IGMP datagram the host accepts whichever
 * socket joined ({@code IP_MULTICAST_ALL}, on by default). Disabling closes that socket.
 */
public final class KernelIgmpIo implements IgmpPacketIo {

    /** What the I/O needs to know of the interfaces' addresses. */
    public interface Addresses {

        /**
         * Returns an interface's primary address, the source of what is sent there.
         *
         * @param ifIndex the interface index
         * @return the address as an int, 0 if it has none
         */
        int primary(int ifIndex);

        /**
         * Tells whether an address is one of an interface's own.
         *
         * @param ifIndex the interface index
         * @param address the address as an int
         * @return {@code true} for a configured address of that interface
         */
        boolean isOwn(int ifIndex, int address);
    }

    private static final Logger log = LoggerFactory.getLogger(KernelIgmpIo.class);
    /** 224.0.0.22, all IGMPv3-capable routers (RFC 3376 §4.2.14). */
    static final int ALL_V3_ROUTERS = 0xe0000016;
    /** 224.0.0.2, all routers (RFC 2236 §3: leaves go there). */
    static final int ALL_ROUTERS = 0xe0000002;
    private static final int IGMP = 2;

    private final IgmpSender sender;
    private final Addresses addresses;
    private final IntFunction<String> names;
    private final Map<Integer, Integer> joinSockets = new ConcurrentHashMap<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = Libc.newCallState(arena);
    private final MemorySegment mreq = arena.allocate(Structs.IP_MREQN);
    private volatile Consumer<IgmpPacket> receiver;
    final LongAdder received = new LongAdder();
    final LongAdder notEnabled = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder ownReports = new LongAdder();

    /**
     * Creates the I/O over the routing socket.
     *
     * @param sender sends on the multicast routing socket
     * @param addresses the interfaces' addresses
     * @param names describes an interface index for messages
     */
    KernelIgmpIo(IgmpSender sender, Addresses addresses, IntFunction<String> names) {
        this.sender = sender;
        this.addresses = addresses;
        this.names = names;
    }

    @Override
    public void startReceiving(Consumer<IgmpPacket> r) {
        receiver = r;
    }

    @Override
    public void stopReceiving() {
        receiver = null;
        for (Integer ifIndex : List.copyOf(joinSockets.keySet())) {
            disable(InterfaceId.of(ifIndex));
        }
    }

    @Override
    public synchronized void enable(InterfaceId ifId) {
        int ifIndex = ifId.ifIndex();
        if (joinSockets.containsKey(ifIndex)) {
            return;
        }
        int fd = Libc.socket(state, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, Libc.IPPROTO_UDP);
        if (fd < 0) {
            throw new IllegalStateException("cannot receive IGMP on " + names.apply(ifIndex) + ": "
                    + new SysException("socket(AF_INET, SOCK_DGRAM)", Libc.errno(state)).getMessage());
        }
        for (int group : new int[] {ALL_V3_ROUTERS, ALL_ROUTERS}) {
            mreq.set(Structs.NET_INT, 0, group);
            mreq.set(Structs.NET_INT, 4, 0);
            mreq.set(JAVA_INT, Structs.IMR_IFINDEX, ifIndex);
            if (Libc.setsockopt(state, fd, Libc.IPPROTO_IP, Libc.IP_ADD_MEMBERSHIP, mreq,
                    (int) Structs.IP_MREQN.byteSize()) != 0) {
                int errno = Libc.errno(state);
                Libc.close(state, fd);
                throw new IllegalStateException("cannot receive IGMP on " + names.apply(ifIndex) + ": joining "
                        + Inet4.toString(group) + " failed with " + Errno.describe(errno)
                        + (errno == Errno.ENODEV ? " (no such interface)" : ""));
            }
        }
        joinSockets.put(ifIndex, fd);
        log.debug("Joined 224.0.0.22 and 224.0.0.2 on {}", names.apply(ifIndex));
    }

    @Override
    public synchronized void disable(InterfaceId ifId) {
        Integer fd = joinSockets.remove(ifId.ifIndex());
        if (fd != null) {
            Libc.close(state, fd);                               // leaves both groups
        }
    }

    @Override
    public void send(InterfaceId ifId, InetAddress destination, byte[] message) {
        int ifIndex = ifId.ifIndex();
        try {
            sender.send(ifIndex, addresses.primary(ifIndex), Inet4.toInt(destination), message);
        } catch (SysException e) {
            throw new IllegalStateException("cannot send IGMP on " + names.apply(ifIndex) + " to "
                    + destination.getHostAddress() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tells whether IGMP is enabled on an interface.
     *
     * @param ifIndex the interface index
     * @return {@code true} after {@link #enable}
     */
    public boolean enabled(int ifIndex) {
        return joinSockets.containsKey(ifIndex);
    }

    /**
     * Handles a datagram the reader received (its thread).
     *
     * @param data the datagram from its IP header on
     * @param length its length
     * @param ifIndex the arrival interface, 0 if unknown
     */
    void received(MemorySegment data, long length, int ifIndex) {
        Consumer<IgmpPacket> r = receiver;
        if (r == null || !joinSockets.containsKey(ifIndex)) {
            notEnabled.increment();
            return;
        }
        IpHeader ip = IpHeader.parse(data, length);
        if (ip == null || ip.protocol() != IGMP || ip.totalLength() < ip.headerLength()) {
            malformed.increment();
            return;
        }
        if (addresses.isOwn(ifIndex, ip.source())) {
            // This host's own reports (for the groups joined here, 224.0.0.22 and 224.0.0.2 included):
            // the kernel loops them back, but they come from no neighbour.
            ownReports.increment();
            return;
        }
        long end = Math.min(length, ip.totalLength());
        ByteBuffer payload = data.asSlice(ip.headerLength(), end - ip.headerLength()).asByteBuffer().asReadOnlyBuffer();
        received.increment();
        r.accept(new IgmpPacket(InterfaceId.of(ifIndex), Inet4.toAddress(ip.source()), Inet4.toAddress(ip.destination()),
                ip.ttl(), ip.routerAlert(), payload));
    }

    /** Closes the join sockets and frees native memory; after the reader stopped. */
    public synchronized void shutdown() {
        receiver = null;
        for (Integer fd : joinSockets.values()) {
            Libc.close(state, fd);
        }
        joinSockets.clear();
        arena.close();
    }
}
