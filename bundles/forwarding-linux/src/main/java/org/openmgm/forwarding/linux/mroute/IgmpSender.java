package org.openmgm.forwarding.linux.mroute;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;
import org.openmgm.forwarding.linux.sys.SysException;

/**
 * Sends IGMP messages on the multicast routing socket with {@code sendmsg(2)}: the destination in
 * the message name, the outgoing interface and source address in an IP_PKTINFO control message;
 * TTL 1, Router Alert and no loopback come from the socket's options ({@link MrouteSocket#open}).
 * One {@code msghdr}, buffer and control block, allocated once, under one lock.
 */
final class IgmpSender {

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = Libc.newCallState(arena);
    private final MemorySegment msg = arena.allocate(Structs.MSGHDR);
    private final MemorySegment iov = arena.allocate(Structs.IOVEC);
    private final MemorySegment to = arena.allocate(Structs.SOCKADDR_IN);
    private final MemorySegment control = arena.allocate(Structs.cmsgSpace(Structs.IN_PKTINFO.byteSize()), 8);
    private final MemorySegment buffer = arena.allocate(65_536);
    private boolean closed;

    IgmpSender(int fd) {
        this.fd = fd;
    }

    /**
     * Sends an IGMP message out of an interface from an address; TTL 1 and Router Alert come from
     * the socket's options, the interface and source from an IP_PKTINFO control message.
     *
     * @param ifIndex the outgoing interface
     * @param source the source address as an int (0: the kernel chooses)
     * @param destination the destination as an int
     * @param message the IGMP message
     * @throws SysException if the kernel refuses
     * @throws IllegalArgumentException if the message is too long for one datagram
     */
    synchronized void send(int ifIndex, int source, int destination, byte[] message) {
        if (closed) {
            throw new IllegalStateException("the multicast routing socket is closed");
        }
        if (message.length > buffer.byteSize() - 64) {
            throw new IllegalArgumentException("IGMP message of " + message.length + " bytes is too long");
        }
        MemorySegment.copy(message, 0, buffer, JAVA_BYTE, 0, message.length);
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, Structs.IOV_LEN, message.length);
        Structs.sockaddrIn(to, destination, 0);
        control.fill((byte) 0);
        control.set(JAVA_LONG, 0, Structs.cmsgLen(Structs.IN_PKTINFO.byteSize()));
        control.set(JAVA_INT, Structs.CMSG_LEVEL, Libc.IPPROTO_IP);
        control.set(JAVA_INT, Structs.CMSG_TYPE, Libc.IP_PKTINFO);
        control.set(JAVA_INT, Structs.CMSG_DATA + Structs.IPI_IFINDEX, ifIndex);
        control.set(Structs.NET_INT, Structs.CMSG_DATA + Structs.IPI_SPEC_DST, source);
        msg.fill((byte) 0);
        msg.set(ADDRESS, Structs.MSG_NAME, to);
        msg.set(JAVA_INT, Structs.MSG_NAMELEN, (int) Structs.SOCKADDR_IN.byteSize());
        msg.set(ADDRESS, Structs.MSG_IOV, iov);
        msg.set(JAVA_LONG, Structs.MSG_IOVLEN, 1L);
        msg.set(ADDRESS, Structs.MSG_CONTROL, control);
        msg.set(JAVA_LONG, Structs.MSG_CONTROLLEN, control.byteSize());
        if (Libc.sendmsg(state, fd, msg, 0) < 0) {
            throw new SysException("sendmsg(IGMP)", Libc.errno(state));
        }
    }

    /** Frees the native memory; later sends fail. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
