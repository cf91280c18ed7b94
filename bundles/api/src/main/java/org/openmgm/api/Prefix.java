package org.openmgm.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address prefix: an address and the number of leading bits that matter, for example {@code
 * 10.1.0.0/16}, {@code 239.1.1.1/32} or the wildcard {@code 0.0.0.0/0}.
 *
 * <p>The address must be canonical: bits beyond the prefix length are zero, so that a prefix has
 * exactly one representation (the original MGM's "address 0 with mask 0" rule, spec §2.1).
 *
 * @param address the network address, IPv4 or IPv6
 * @param length the prefix length, 0 to 32 for IPv4 and 0 to 128 for IPv6
 */
public record Prefix(InetAddress address, int length) implements Comparable<Prefix> {

    /** The IPv4 wildcard {@code 0.0.0.0/0}: all addresses. */
    public static final Prefix ANY_V4 = new Prefix(v4(0), 0);

    /**
     * Validates the prefix.
     *
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if the address is missing, the
     *     length is out of range, or bits beyond the length are set (inconsistent mask)
     */
    public Prefix {
        if (address == null) {
            throw MgmException.invalid("prefix address must not be null");
        }
        int bits = address.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw MgmException.invalid("prefix length " + length + " is outside 0.." + bits + " for "
                    + address.getHostAddress());
        }
        byte[] b = address.getAddress();
        for (int i = length; i < bits; i++) {
            if ((b[i / 8] & (0x80 >>> (i % 8))) != 0) {
                throw MgmException.invalid(address.getHostAddress() + "/" + length
                        + " has bits set beyond its length (inconsistent mask)");
            }
        }
    }

    /**
     * Returns the host prefix of one address ({@code /32} for IPv4).
     *
     * @param address the address
     * @return the prefix holding exactly that address
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if the address is null
     */
    public static Prefix host(InetAddress address) {
        if (address == null) {
            throw MgmException.invalid("address must not be null");
        }
        return new Prefix(address, address.getAddress().length * 8);
    }

    /**
     * Returns a prefix.
     *
     * @param address the network address
     * @param length the prefix length
     * @return the prefix
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if it is malformed
     */
    public static Prefix of(InetAddress address, int length) {
        return new Prefix(address, length);
    }

    /**
     * Parses {@code a.b.c.d/len} or a bare address (a host prefix). Only numeric addresses are
     * accepted; no name is ever looked up.
     *
     * @param text the text
     * @return the prefix
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} naming the text if it is malformed
     */
    public static Prefix parse(String text) {
        if (text == null) {
            throw MgmException.invalid("prefix must not be null");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = Addresses.parse(slash < 0 ? s : s.substring(0, slash), text);
        if (slash < 0) {
            return host(address);
        }
        try {
            return new Prefix(address, Integer.parseInt(s.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw MgmException.invalid("'" + text + "' has a malformed prefix length");
        }
    }

    /**
     * Tells whether this prefix is the wildcard (length 0).
     *
     * @return {@code true} for {@code 0.0.0.0/0} and {@code ::/0}
     */
    public boolean isWildcard() {
        return length == 0;
    }

    /**
     * Tells whether this prefix holds exactly one address.
     *
     * @return {@code true} for {@code /32} (IPv4) and {@code /128} (IPv6)
     */
    public boolean isHost() {
        return length == address.getAddress().length * 8;
    }

    /**
     * Tells whether an address lies in this prefix (and is of the same family).
     *
     * @param a the address
     * @return {@code true} if the first {@link #length()} bits agree
     */
    public boolean contains(InetAddress a) {
        byte[] x = address.getAddress();
        byte[] y = Objects.requireNonNull(a, "address").getAddress();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Orders by address family, then address (unsigned), then length. */
    @Override
    public int compareTo(Prefix other) {
        int c = InterfaceId.compareAddresses(address, other.address);
        return c != 0 ? c : Integer.compare(length, other.length);
    }

    /** Returns {@code address/length}, e.g. {@code 10.1.0.0/16}. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }

    static InetAddress v4(int value) {
        try {
            return InetAddress.getByAddress(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
