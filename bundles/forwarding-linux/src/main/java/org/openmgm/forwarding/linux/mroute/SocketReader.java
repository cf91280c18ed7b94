package org.openmgm.forwarding.linux.mroute;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;

import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;
import org.openmgm.forwarding.linux.sys.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that reads the multicast routing socket. What arrives there is mixed: kernel upcalls
 * ({@code struct igmpmsg}, byte 9 = 0) and real IGMP packets (byte 9 = 2) with their arrival
 * interface in an IP_PKTINFO control message. It drains the socket without blocking, then sleeps in
 * {@code poll} until more arrives or the plane stops. The receive buffers are allocated once and
 * belong to this thread; what it hands to the {@link Sink} is valid during the call only.
 */
final class SocketReader implements Runnable {

    /** Where the reader delivers, on its thread. */
    interface Sink {

        /**
         * A kernel upcall.
         *
         * @param data the bytes, starting with {@code struct igmpmsg}
         * @param length how many
         */
        void upcall(MemorySegment data, long length);

        /**
         * An IP datagram carrying IGMP.
         *
         * @param data the datagram from its IP header on
         * @param length how many bytes
         * @param ifIndex the interface it arrived on (0 if the kernel did not say)
         */
        void igmp(MemorySegment data, long length, int ifIndex);
    }

    private static final Logger log = LoggerFactory.getLogger(SocketReader.class);
    private static final int BUFFER = 65_536;

    private final int fd;
    private final Sink sink;
    private final Waiter waiter;
    private final Thread thread;
    final LongAdder truncated = new LongAdder();
    final LongAdder failures = new LongAdder();

    /**
     * Creates the reader; the thread is made now, so it is in the creating thread's network
     * namespace (the socket's is fixed already; this matters for nothing else, but is predictable).
     *
     * @param fd the multicast routing socket
     * @param sink where to deliver
     * @param threadName the reader thread's name
     */
    SocketReader(int fd, Sink sink, String threadName) {
        this.fd = fd;
        this.sink = sink;
        this.waiter = new Waiter(fd);
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for it (at most two seconds). */
    void stop() {
        waiter.wake();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            waiter.close();
        }
    }

    @Override
    public void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            MemorySegment buffer = arena.allocate(BUFFER, 8);
            MemorySegment from = arena.allocate(Structs.SOCKADDR_IN);
            MemorySegment iov = arena.allocate(Structs.IOVEC);
            MemorySegment control = arena.allocate(256, 8);
            MemorySegment msg = arena.allocate(Structs.MSGHDR);
            iov.set(ADDRESS, 0, buffer);
            iov.set(JAVA_LONG, Structs.IOV_LEN, BUFFER);
            msg.set(ADDRESS, Structs.MSG_NAME, from);
            msg.set(ADDRESS, Structs.MSG_IOV, iov);
            msg.set(JAVA_LONG, Structs.MSG_IOVLEN, 1L);
            msg.set(ADDRESS, Structs.MSG_CONTROL, control);
            while (!waiter.woken()) {
                msg.set(JAVA_INT, Structs.MSG_NAMELEN, (int) Structs.SOCKADDR_IN.byteSize());
                msg.set(JAVA_LONG, Structs.MSG_CONTROLLEN, control.byteSize());
                msg.set(JAVA_INT, Structs.MSG_FLAGS, 0);
                long n = Libc.recvmsg(state, fd, msg, Libc.MSG_DONTWAIT);
                if (n < 0) {
                    int errno = Libc.errno(state);
                    if (errno == Errno.EAGAIN) {
                        waiter.await(-1);
                    } else if (errno != Errno.EINTR) {
                        failures.increment();
                        log.debug("recvmsg on the multicast routing socket: {}", Errno.describe(errno));
                        waiter.await(100);       // a persistent error must not spin
                    }
                    continue;
                }
                if ((msg.get(JAVA_INT, Structs.MSG_FLAGS) & Libc.MSG_TRUNC) != 0) {
                    truncated.increment();
                    continue;
                }
                deliver(buffer, n, control, msg.get(JAVA_LONG, Structs.MSG_CONTROLLEN));
            }
        } catch (RuntimeException | Error e) {
            log.error("The multicast routing socket reader stopped: upcalls and IGMP are no longer received", e);
        }
    }

    private void deliver(MemorySegment buffer, long n, MemorySegment control, long controlLength) {
        if (log.isTraceEnabled()) {
            log.trace("Read {} bytes, protocol byte {}, arrival if{}", n, buffer.get(JAVA_BYTE, IpHeader.PROTOCOL_OFFSET),
                    arrivalIfIndex(control, controlLength));
        }
        try {
            if (n > IpHeader.PROTOCOL_OFFSET && buffer.get(JAVA_BYTE, IpHeader.PROTOCOL_OFFSET) == 0) {
                sink.upcall(buffer, n);
            } else {
                sink.igmp(buffer, n, arrivalIfIndex(control, controlLength));
            }
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Handling a packet from the multicast routing socket failed", e);
        }
    }

    /**
     * Finds the IP_PKTINFO control message and returns its interface index.
     *
     * @param control the control buffer
     * @param length how much of it the kernel filled
     * @return the index, or 0 if there is none
     */
    static int arrivalIfIndex(MemorySegment control, long length) {
        long at = 0;
        while (at + Structs.CMSG_DATA <= length) {
            long cmsgLength = control.get(JAVA_LONG, at);
            if (cmsgLength < Structs.CMSG_DATA || at + cmsgLength > length) {
                return 0;
            }
            if (control.get(JAVA_INT, at + Structs.CMSG_LEVEL) == Libc.IPPROTO_IP
                    && control.get(JAVA_INT, at + Structs.CMSG_TYPE) == Libc.IP_PKTINFO
                    && cmsgLength >= Structs.cmsgLen(Structs.IN_PKTINFO.byteSize())) {
                return control.get(JAVA_INT, at + Structs.CMSG_DATA + Structs.IPI_IFINDEX);
            }
            at += Structs.cmsgAlign(cmsgLength);
        }
        return 0;
    }
}
