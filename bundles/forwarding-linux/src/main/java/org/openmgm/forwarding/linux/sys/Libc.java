package org.openmgm.forwarding.linux.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library calls the plane makes, as Foreign Function &amp; Memory downcalls (no JNI, no JNA).
 *
 * <p>Every call captures {@code errno} into a caller-provided segment (allocate it with {@link
 * #newCallState(Arena)}) instead of a thread-local, so that a hot path reuses one segment and
 * allocates nothing: the handles are {@code static final} and invoked with {@code invokeExact},
 * which the JIT compiles to a direct call. A method returns what the C function returns; on -1 the
 * caller reads {@link #errno(MemorySegment)}. Structures live in {@link Structs}.
 *
 * <p>Linking happens when this class initialises: on a system without these symbols (not Linux) or
 * a JVM that refuses native access, it fails with a {@link LinkageError} the component reports.
 */
@SuppressWarnings("restricted")   // the whole point of this class; the launcher enables native access
public final class Libc {

    /** {@code AF_INET} (bits/socket.h). */
    public static final int AF_INET = 2;
    /** {@code AF_NETLINK} (bits/socket.h). */
    public static final int AF_NETLINK = 16;
    /** {@code SOCK_DGRAM}. */
    public static final int SOCK_DGRAM = 2;
    /** {@code SOCK_RAW}. */
    public static final int SOCK_RAW = 3;
    /** {@code SOCK_CLOEXEC}: no descriptor leaks into processes the JVM starts. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** {@code IPPROTO_IP} (netinet/in.h): the level of the IP_* and MRT_* options. */
    public static final int IPPROTO_IP = 0;
    /** {@code IPPROTO_IGMP} (RFC 1112 protocol number 2). */
    public static final int IPPROTO_IGMP = 2;
    /** {@code IPPROTO_UDP}. */
    public static final int IPPROTO_UDP = 17;
    /** {@code NETLINK_ROUTE} (linux/netlink.h): rtnetlink. */
    public static final int NETLINK_ROUTE = 0;
    /** {@code SOL_SOCKET}. */
    public static final int SOL_SOCKET = 1;
    /** {@code SOL_NETLINK} (linux/socket.h). */
    public static final int SOL_NETLINK = 270;
    /** {@code SO_RCVBUF} (asm-generic/socket.h). */
    public static final int SO_RCVBUF = 8;
    /** {@code SO_RCVBUFFORCE}: like SO_RCVBUF beyond {@code net.core.rmem_max} (CAP_NET_ADMIN). */
    public static final int SO_RCVBUFFORCE = 33;
    /** {@code IP_TTL} (linux/in.h). */
    public static final int IP_TTL = 2;
    /** {@code IP_OPTIONS} (linux/in.h): IP options put on every datagram the socket sends. */
    public static final int IP_OPTIONS = 4;
    /** {@code IP_PKTINFO} (linux/in.h): ancillary {@code struct in_pktinfo} on receive and send. */
    public static final int IP_PKTINFO = 8;
    /** {@code IP_MULTICAST_TTL} (linux/in.h). */
    public static final int IP_MULTICAST_TTL = 33;
    /** {@code IP_MULTICAST_LOOP} (linux/in.h). */
    public static final int IP_MULTICAST_LOOP = 34;
    /** {@code IP_ADD_MEMBERSHIP} (linux/in.h), with a {@code struct ip_mreqn}. */
    public static final int IP_ADD_MEMBERSHIP = 35;
    /** {@code IP_DROP_MEMBERSHIP} (linux/in.h). */
    public static final int IP_DROP_MEMBERSHIP = 36;
    /** {@code IP_MULTICAST_ALL} (linux/in.h). */
    public static final int IP_MULTICAST_ALL = 49;
    /** {@code NETLINK_ADD_MEMBERSHIP} (linux/netlink.h): subscribe to one multicast group. */
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    /** {@code MSG_DONTWAIT}. */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code MSG_TRUNC}: in {@code msg_flags}, the datagram was longer than the buffer. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code POLLIN} (poll.h). */
    public static final short POLLIN = 0x1;
    /** {@code EFD_CLOEXEC} (sys/eventfd.h). */
    public static final int EFD_CLOEXEC = 0x80000;
    /** {@code EFD_NONBLOCK} (sys/eventfd.h). */
    public static final int EFD_NONBLOCK = 0x800;
    /** {@code SHUT_RDWR}. */
    public static final int SHUT_RDWR = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SHUTDOWN = link("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = link("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = link("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int ioctl(int, unsigned long, ...)}: variadic, the third argument a pointer. */
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle BIND = link("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = link("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = link("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = link("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = link("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = link("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    private Libc() {
    }

    private static MethodHandle link(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, ERRNO);
    }

    /**
     * Allocates a segment that receives {@code errno} of the calls it is passed to.
     *
     * @param arena the arena that owns it
     * @return the segment; use it from one thread at a time
     */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /**
     * Reads the {@code errno} the last call with this state left.
     *
     * @param state a segment from {@link #newCallState}
     * @return the error number
     */
    public static int errno(MemorySegment state) {
        return state.get(JAVA_INT, ERRNO_OFFSET);
    }

    /**
     * {@code socket(2)}.
     *
     * @param state receives errno
     * @param domain e.g. {@link #AF_INET}
     * @param type e.g. {@link #SOCK_RAW}, possibly or'ed with {@link #SOCK_CLOEXEC}
     * @param protocol e.g. {@link #IPPROTO_IGMP}
     * @return the descriptor, or -1
     */
    public static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code close(2)}.
     *
     * @param state receives errno
     * @param fd the descriptor
     * @return 0 or -1
     */
    public static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code shutdown(2)}: wakes a thread blocked reading the socket.
     *
     * @param state receives errno
     * @param fd the descriptor
     * @param how e.g. {@link #SHUT_RDWR}
     * @return 0 or -1
     */
    public static int shutdown(MemorySegment state, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(state, fd, how);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code setsockopt(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param level e.g. {@link #IPPROTO_IP}
     * @param name the option
     * @param value the option's value
     * @param length how many bytes of {@code value} the option takes
     * @return 0 or -1
     */
    public static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code getsockopt(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param level the level
     * @param name the option
     * @param value receives the value
     * @param length an {@code int} holding the size of {@code value}; receives the length written
     * @return 0 or -1
     */
    public static int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value,
                                 MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code ioctl(2)} with a pointer argument.
     *
     * @param state receives errno
     * @param fd the descriptor
     * @param request the request number
     * @param argument the structure the request reads and writes
     * @return the request's result, or -1
     */
    public static int ioctl(MemorySegment state, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(state, fd, request, argument);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code bind(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param address a socket address
     * @param length its length
     * @return 0 or -1
     */
    public static int bind(MemorySegment state, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code getsockname(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param address receives the address
     * @param length an {@code int} holding the size of {@code address}
     * @return 0 or -1
     */
    public static int getsockname(MemorySegment state, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code sendto(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param buffer the bytes
     * @param length how many
     * @param flags e.g. 0
     * @param address the destination, or {@link MemorySegment#NULL}
     * @param addressLength its length
     * @return the bytes sent, or -1
     */
    public static long sendto(MemorySegment state, int fd, MemorySegment buffer, long length, int flags,
                              MemorySegment address, int addressLength) {
        try {
            return (long) SENDTO.invokeExact(state, fd, buffer, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code sendmsg(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param message a {@code struct msghdr}
     * @param flags e.g. 0
     * @return the bytes sent, or -1
     */
    public static long sendmsg(MemorySegment state, int fd, MemorySegment message, int flags) {
        try {
            return (long) SENDMSG.invokeExact(state, fd, message, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code recvmsg(2)}.
     *
     * @param state receives errno
     * @param fd the socket
     * @param message a {@code struct msghdr}
     * @param flags e.g. {@link #MSG_DONTWAIT}
     * @return the bytes received, or -1
     */
    public static long recvmsg(MemorySegment state, int fd, MemorySegment message, int flags) {
        try {
            return (long) RECVMSG.invokeExact(state, fd, message, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code poll(2)}.
     *
     * @param state receives errno
     * @param fds an array of {@code struct pollfd}
     * @param count how many
     * @param timeoutMillis -1 for no timeout
     * @return how many are ready, 0 on timeout, or -1
     */
    public static int poll(MemorySegment state, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code eventfd(2)}.
     *
     * @param state receives errno
     * @param initial the initial counter
     * @param flags e.g. {@link #EFD_CLOEXEC}
     * @return the descriptor, or -1
     */
    public static int eventfd(MemorySegment state, int initial, int flags) {
        try {
            return (int) EVENTFD.invokeExact(state, initial, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code write(2)}.
     *
     * @param state receives errno
     * @param fd the descriptor
     * @param buffer the bytes
     * @param length how many
     * @return the bytes written, or -1
     */
    public static long write(MemorySegment state, int fd, MemorySegment buffer, long length) {
        try {
            return (long) WRITE.invokeExact(state, fd, buffer, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code read(2)}.
     *
     * @param state receives errno
     * @param fd the descriptor
     * @param buffer receives the bytes
     * @param length its size
     * @return the bytes read, or -1
     */
    public static long read(MemorySegment state, int fd, MemorySegment buffer, long length) {
        try {
            return (long) READ.invokeExact(state, fd, buffer, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
