package org.openmgm.forwarding.linux.sys;

/**
 * A system call failed: carries the call's description and {@code errno}, so that callers can
 * turn the common cases (no privilege, table in use, no such interface) into advice.
 */
public final class SysException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was attempted. */
    private final String call;
    /** The error number. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param call what was attempted, e.g. {@code setsockopt(MRT_INIT)}
     * @param errno the error number
     */
    public SysException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    /**
     * Returns what was attempted.
     *
     * @return e.g. {@code setsockopt(MRT_INIT)}
     */
    public String call() {
        return call;
    }

    /**
     * Returns the error number.
     *
     * @return errno
     */
    public int errno() {
        return errno;
    }
}
