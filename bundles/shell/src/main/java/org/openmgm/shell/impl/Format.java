package org.openmgm.shell.impl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/** How values look in text output. */
public final class Format {

    private Format() {
    }

    /**
     * Formats a duration as routers do: {@code 00:04:05}, {@code 2d03h15m} beyond a day.
     *
     * @param d the duration, not negative
     * @return the text
     */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return String.format("%dd%02dh%02dm", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
        }
        return String.format("%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }

    /**
     * Formats a timer: {@code -} when it does not run (zero), otherwise as {@link #duration}.
     *
     * @param d the time left
     * @return the text
     */
    public static String timer(Duration d) {
        return d.isZero() || d.isNegative() ? "-" : duration(d);
    }

    /**
     * Returns the numeric text of an address.
     *
     * @param a the address
     * @return e.g. {@code 10.1.1.1}
     */
    public static String ip(InetAddress a) {
        return a.getHostAddress();
    }

    /**
     * Joins addresses with commas.
     *
     * @param addresses the addresses
     * @return e.g. {@code 10.1.1.1,10.1.1.2}, or {@code -} when there are none
     */
    public static String ips(Collection<InetAddress> addresses) {
        return addresses.isEmpty() ? "-" : addresses.stream().map(Format::ip).collect(Collectors.joining(","));
    }

    /**
     * Milliseconds of a duration, for JSON.
     *
     * @param d the duration
     * @return whole seconds
     */
    public static long seconds(Duration d) {
        return Math.max(0, d.toSeconds());
    }
}
