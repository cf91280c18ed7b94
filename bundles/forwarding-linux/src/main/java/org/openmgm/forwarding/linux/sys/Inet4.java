package org.openmgm.forwarding.linux.sys;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses as {@code int}s ({@code a << 24 | b << 16 | c << 8 | d}), the form the kernel's
 * structures take in network byte order.
 *
 * <p>{@link #toInt} is on the install path of every forwarding entry. {@code
 * Inet4Address.hashCode()} has returned exactly this int since Java 1.0 and costs no copy, where
 * {@code getAddress()} allocates an array; the class checks the identity once and falls back to
 * {@code getAddress()} should a JDK ever change it.
 */
public final class Inet4 {

    private static final boolean HASH_IS_ADDRESS = hashIsAddress();

    private Inet4() {
    }

    /**
     * Converts an IPv4 address.
     *
     * @param a an {@link Inet4Address}
     * @return its int form
     * @throws IllegalArgumentException if it is not IPv4
     */
    public static int toInt(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("the Linux IPv4 plane needs IPv4 addresses, got " + a);
        }
        if (HASH_IS_ADDRESS) {
            return a.hashCode();
        }
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /**
     * Converts an int to an address.
     *
     * @param v the int form
     * @return the address
     */
    public static InetAddress toAddress(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Formats an int address.
     *
     * @param v the int form
     * @return dotted decimal
     */
    public static String toString(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /**
     * Returns the netmask of a prefix length.
     *
     * @param length 0 to 32
     * @return the mask as an int
     */
    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static boolean hashIsAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 7, (byte) 201}).hashCode() == 0xc0a807c9
                    && InetAddress.getByAddress(new byte[] {10, 0, 0, 1}).hashCode() == 0x0a000001;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
