package org.openmgm.forwarding.linux.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;
import org.openmgm.forwarding.linux.sys.SysException;

/**
 * An rtnetlink socket ({@code socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)}): either subscribed to
 * event groups and read by a monitor thread, or used for request/response dumps. One thread at a
 * time per socket (callers serialise); the receive buffer is allocated once.
 */
public final class NetlinkSocket implements AutoCloseable {

    /** The call that opens it. */
    public static final String CALL_SOCKET = "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)";
    /** Big enough for any datagram: the kernel fills dump datagrams up to 32 KiB. */
    private static final int BUFFER = 65_536;
    private static final int RECEIVE_BUFFER = 4 << 20;       // a burst of route events (a routing daemon starting)

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = Libc.newCallState(arena);
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private final MemorySegment kernel = arena.allocate(Structs.SOCKADDR_NL);
    private final MemorySegment iov = arena.allocate(Structs.IOVEC);
    private final MemorySegment msg = arena.allocate(Structs.MSGHDR);
    private final MemorySegment intValue = arena.allocate(JAVA_INT);
    private int sequence = 1;

    private NetlinkSocket(int fd) {
        this.fd = fd;
        kernel.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);     // pid 0: the kernel
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, Structs.IOV_LEN, BUFFER);
        msg.set(ADDRESS, Structs.MSG_IOV, iov);
        msg.set(JAVA_LONG, Structs.MSG_IOVLEN, 1L);
    }

    /**
     * Opens a socket subscribed to some groups (none for a request socket).
     *
     * @param groups {@code RTNLGRP_*} numbers
     * @return the socket
     * @throws SysException naming the failed call; nothing stays open
     */
    public static NetlinkSocket open(int... groups) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(scratch);
            int fd = Libc.socket(st, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
            if (fd < 0) {
                throw new SysException(CALL_SOCKET, Libc.errno(st));
            }
            NetlinkSocket s = new NetlinkSocket(fd);
            try {
                MemorySegment local = scratch.allocate(Structs.SOCKADDR_NL);
                local.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
                s.check(Libc.bind(s.state, fd, local, (int) Structs.SOCKADDR_NL.byteSize()), "bind(AF_NETLINK)");
                for (int group : groups) {
                    s.intValue.set(JAVA_INT, 0, group);
                    s.check(Libc.setsockopt(s.state, fd, Libc.SOL_NETLINK, Libc.NETLINK_ADD_MEMBERSHIP, s.intValue, 4),
                            "setsockopt(NETLINK_ADD_MEMBERSHIP, " + group + ")");
                }
                if (groups.length > 0) {
                    // Best effort: FORCE passes net.core.rmem_max with CAP_NET_ADMIN; an overrun only costs a resync.
                    s.intValue.set(JAVA_INT, 0, RECEIVE_BUFFER);
                    if (Libc.setsockopt(s.state, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, s.intValue, 4) != 0) {
                        Libc.setsockopt(s.state, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, s.intValue, 4);
                    }
                }
                return s;
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    /**
     * Returns the descriptor, for a {@link org.openmgm.forwarding.linux.sys.Waiter}.
     *
     * @return the file descriptor
     */
    public int fd() {
        return fd;
    }

    /**
     * Dumps a table and hands each message to {@code sink} until the dump is done.
     *
     * @param type {@link RtnlCodec#RTM_GETLINK}, {@link RtnlCodec#RTM_GETADDR} or {@link RtnlCodec#RTM_GETROUTE}
     * @param sink receives each object of the dump
     * @return {@code false} if the kernel flagged the dump as interrupted by a change (repeat it)
     * @throws SysException if the request fails
     */
    public boolean dump(int type, Consumer<RtnlMessage> sink) {
        int seq = ++sequence;
        byte[] request = RtnlCodec.dumpRequest(type, seq);
        MemorySegment.copy(request, 0, buffer, JAVA_BYTE, 0, request.length);
        if (Libc.sendto(state, fd, buffer, request.length, 0, kernel, (int) Structs.SOCKADDR_NL.byteSize()) < 0) {
            throw new SysException("sendto(RTM_GET " + type + ")", Libc.errno(state));
        }
        boolean[] done = {false, true};                          // done, consistent
        int[] error = {0};
        while (!done[0]) {
            ByteBuffer datagram = receive(0);
            if (datagram == null) {
                continue;
            }
            RtnlCodec.parse(datagram, m -> {
                if (m.sequence() != seq) {
                    return;                                      // a stale answer of an abandoned request
                }
                if (m instanceof RtnlMessage.Done d) {
                    done[0] = true;
                    done[1] = !d.interrupted();
                } else if (m instanceof RtnlMessage.Error e) {
                    done[0] = true;
                    error[0] = e.errno();
                } else {
                    sink.accept(m);
                }
            });
        }
        if (error[0] != 0) {
            throw new SysException("rtnetlink dump " + type, error[0]);
        }
        return done[1];
    }

    /**
     * Receives one datagram.
     *
     * @param flags e.g. {@link Libc#MSG_DONTWAIT}
     * @return the datagram (valid until the next receive), or {@code null} when nothing was there
     *     (EAGAIN) or a signal interrupted the call
     * @throws SysException on an error, e.g. ENOBUFS when events were lost
     */
    public ByteBuffer receive(int flags) {
        msg.set(ADDRESS, Structs.MSG_NAME, MemorySegment.NULL);
        msg.set(JAVA_INT, Structs.MSG_NAMELEN, 0);
        msg.set(JAVA_INT, Structs.MSG_FLAGS, 0);
        long n = Libc.recvmsg(state, fd, msg, flags);
        if (n < 0) {
            int errno = Libc.errno(state);
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return null;
            }
            throw new SysException("recvmsg(NETLINK_ROUTE)", errno);
        }
        if ((msg.get(JAVA_INT, Structs.MSG_FLAGS) & Libc.MSG_TRUNC) != 0) {
            throw new SysException("recvmsg(NETLINK_ROUTE) truncated", Errno.EMSGSIZE);
        }
        return buffer.asSlice(0, n).asByteBuffer();
    }

    /** Closes the socket. */
    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            Libc.close(state, fd);
            arena.close();
        }
    }

    private void check(int result, String call) {
        if (result != 0) {
            throw new SysException(call, Libc.errno(state));
        }
    }
}
