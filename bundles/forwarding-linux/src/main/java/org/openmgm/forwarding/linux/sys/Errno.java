package org.openmgm.forwarding.linux.sys;

import java.util.Map;

/**
 * The Linux error numbers the plane meets (asm-generic/errno-base.h, asm-generic/errno.h), with
 * their symbolic names and the C library's descriptions, so that messages say {@code EADDRINUSE
 * (Address already in use)} rather than a bare number.
 */
public final class Errno {

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** No such device or address. */
    public static final int ENXIO = 6;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Resource temporarily unavailable (EWOULDBLOCK). */
    public static final int EAGAIN = 11;
    /** Cannot allocate memory. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Too many open files in system; the multicast routing code uses it for "no VIF slot". */
    public static final int ENFILE = 23;
    /** Message too long. */
    public static final int EMSGSIZE = 90;
    /** Protocol not available: the kernel lacks the option (e.g. no CONFIG_IP_MROUTE). */
    public static final int ENOPROTOOPT = 92;
    /** Protocol not supported. */
    public static final int EPROTONOSUPPORT = 93;
    /** Socket type not supported. */
    public static final int ESOCKTNOSUPPORT = 94;
    /** Operation not supported. */
    public static final int EOPNOTSUPP = 95;
    /** Address family not supported by protocol. */
    public static final int EAFNOSUPPORT = 97;
    /** Address already in use: MRT_INIT on a table another socket owns. */
    public static final int EADDRINUSE = 98;
    /** Cannot assign requested address: no such VIF or entry. */
    public static final int EADDRNOTAVAIL = 99;
    /** Network is down. */
    public static final int ENETDOWN = 100;
    /** Network is unreachable. */
    public static final int ENETUNREACH = 101;
    /** No buffer space available: a netlink socket overran (events were lost). */
    public static final int ENOBUFS = 105;
    /** Transport endpoint is not connected. */
    public static final int ENOTCONN = 107;

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(EPERM, new String[] {"EPERM", "Operation not permitted"}),
            Map.entry(ENOENT, new String[] {"ENOENT", "No such file or directory"}),
            Map.entry(EINTR, new String[] {"EINTR", "Interrupted system call"}),
            Map.entry(ENXIO, new String[] {"ENXIO", "No such device or address"}),
            Map.entry(EBADF, new String[] {"EBADF", "Bad file descriptor"}),
            Map.entry(EAGAIN, new String[] {"EAGAIN", "Resource temporarily unavailable"}),
            Map.entry(ENOMEM, new String[] {"ENOMEM", "Cannot allocate memory"}),
            Map.entry(EACCES, new String[] {"EACCES", "Permission denied"}),
            Map.entry(EBUSY, new String[] {"EBUSY", "Device or resource busy"}),
            Map.entry(EEXIST, new String[] {"EEXIST", "File exists"}),
            Map.entry(ENODEV, new String[] {"ENODEV", "No such device"}),
            Map.entry(EINVAL, new String[] {"EINVAL", "Invalid argument"}),
            Map.entry(ENFILE, new String[] {"ENFILE", "Too many open files in system"}),
            Map.entry(EMSGSIZE, new String[] {"EMSGSIZE", "Message too long"}),
            Map.entry(ENOPROTOOPT, new String[] {"ENOPROTOOPT", "Protocol not available"}),
            Map.entry(EPROTONOSUPPORT, new String[] {"EPROTONOSUPPORT", "Protocol not supported"}),
            Map.entry(ESOCKTNOSUPPORT, new String[] {"ESOCKTNOSUPPORT", "Socket type not supported"}),
            Map.entry(EOPNOTSUPP, new String[] {"EOPNOTSUPP", "Operation not supported"}),
            Map.entry(EAFNOSUPPORT, new String[] {"EAFNOSUPPORT", "Address family not supported by protocol"}),
            Map.entry(EADDRINUSE, new String[] {"EADDRINUSE", "Address already in use"}),
            Map.entry(EADDRNOTAVAIL, new String[] {"EADDRNOTAVAIL", "Cannot assign requested address"}),
            Map.entry(ENETDOWN, new String[] {"ENETDOWN", "Network is down"}),
            Map.entry(ENETUNREACH, new String[] {"ENETUNREACH", "Network is unreachable"}),
            Map.entry(ENOBUFS, new String[] {"ENOBUFS", "No buffer space available"}),
            Map.entry(ENOTCONN, new String[] {"ENOTCONN", "Transport endpoint is not connected"}));

    private Errno() {
    }

    /**
     * Returns the symbolic name of an error number.
     *
     * @param errno the number
     * @return e.g. {@code EADDRINUSE}, or {@code errno 123} for one this class does not know
     */
    public static String name(int errno) {
        String[] known = KNOWN.get(errno);
        return known == null ? "errno " + errno : known[0];
    }

    /**
     * Describes an error number for a log message.
     *
     * @param errno the number
     * @return e.g. {@code EADDRINUSE (Address already in use)}
     */
    public static String describe(int errno) {
        String[] known = KNOWN.get(errno);
        return known == null ? "errno " + errno : known[0] + " (" + known[1] + ")";
    }
}
