package org.openmgm.forwarding.linux.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Lets a reader thread wait for a socket to become readable and another thread wake it for good:
 * {@code poll(2)} on the socket and an {@code eventfd(2)}. A blocked {@code recv} cannot be
 * interrupted from Java, and netlink sockets ignore {@code shutdown(2)}, so this is how a plane
 * stops its threads at once instead of waiting for a timeout.
 *
 * <p>{@link #await} belongs to the reader thread; {@link #wake} may be called from any thread;
 * {@link #close} after the reader has ended.
 */
public final class Waiter implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private final MemorySegment fds = arena.allocate(Structs.POLLFD, 2);
    private final MemorySegment readerState = Libc.newCallState(arena);
    private final MemorySegment wakeState = Libc.newCallState(arena);
    private final MemorySegment one = arena.allocate(JAVA_LONG);
    private final int eventFd;
    private volatile boolean woken;

    /**
     * Creates a waiter for one socket.
     *
     * @param socketFd the socket the reader reads
     * @throws SysException if no eventfd can be made
     */
    public Waiter(int socketFd) {
        eventFd = Libc.eventfd(readerState, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (eventFd < 0) {
            int errno = Libc.errno(readerState);
            arena.close();
            throw new SysException("eventfd()", errno);
        }
        long size = Structs.POLLFD.byteSize();
        fds.set(JAVA_INT, 0, socketFd);
        fds.set(JAVA_SHORT, Structs.POLL_EVENTS, Libc.POLLIN);
        fds.set(JAVA_INT, size, eventFd);
        fds.set(JAVA_SHORT, size + Structs.POLL_EVENTS, Libc.POLLIN);
        one.set(JAVA_LONG, 0, 1L);
    }

    /**
     * Waits until the socket is readable, the waiter is woken, or the time is up.
     *
     * @param timeoutMillis how long at most; -1 for as long as it takes
     * @return {@code true} if the socket is readable (or in error: the read reports it) and the
     *     waiter was not woken
     * @throws SysException if poll fails other than by a signal
     */
    public boolean await(int timeoutMillis) {
        if (woken) {
            return false;
        }
        long size = Structs.POLLFD.byteSize();
        fds.set(JAVA_SHORT, Structs.POLL_REVENTS, (short) 0);
        fds.set(JAVA_SHORT, size + Structs.POLL_REVENTS, (short) 0);
        int n = Libc.poll(readerState, fds, 2, timeoutMillis);
        if (n < 0) {
            int errno = Libc.errno(readerState);
            if (errno == Errno.EINTR) {
                return false;
            }
            throw new SysException("poll()", errno);
        }
        return !woken && n > 0 && fds.get(JAVA_SHORT, Structs.POLL_REVENTS) != 0;
    }

    /**
     * Tells whether {@link #wake} was called.
     *
     * @return {@code true} once woken
     */
    public boolean woken() {
        return woken;
    }

    /** Wakes the reader for good: {@link #await} returns {@code false} from now on. */
    public synchronized void wake() {
        if (woken) {
            return;
        }
        woken = true;
        Libc.write(wakeState, eventFd, one, 8);
    }

    /** Closes the eventfd; call after the reader thread ended. */
    @Override
    public synchronized void close() {
        woken = true;
        if (arena.scope().isAlive()) {
            Libc.close(wakeState, eventFd);
            arena.close();
        }
    }
}
