package org.openmgm.core.impl.util;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.openmgm.api.MgmException;
import org.openmgm.api.SourceGroup;

/**
 * The core's internal address form: IPv4 addresses as {@code int}s in network order (spec [RES
 * Q2]) and (S,G) keys packed into one {@code long} as {@code group << 32 | source}, so that the
 * unsigned order of keys is the (group, source) order of spec §2.7.7 and (*,G) = {@code G << 32},
 * (*,*) = 0. The public API stays address-family neutral; this MGM implements IPv4 and refuses
 * IPv6 values with {@code INVALID_PARAMETER}.
 */
public final class Ipv4 {

    private Ipv4() {
    }

    public static int toInt(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            throw MgmException.invalid("only IPv4 is supported by this MGM, got " + (a == null ? "null" : a.getHostAddress()));
        }
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    public static InetAddress toAddress(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public static long key(int source, int group) {
        return (long) group << 32 | (source & 0xffffffffL);
    }

    /** Packs a validated key; refuses IPv6 with INVALID_PARAMETER. */
    public static long key(SourceGroup sg) {
        if (!(sg.group().address() instanceof Inet4Address)) {
            throw MgmException.invalid("only IPv4 is supported by this MGM, got " + sg);
        }
        int s = sg.source().isWildcard() ? 0 : toInt(sg.source().address());
        int g = sg.group().isWildcard() ? 0 : toInt(sg.group().address());
        return key(s, g);
    }

    public static int source(long key) {
        return (int) key;
    }

    public static int group(long key) {
        return (int) (key >>> 32);
    }

    /** The public form of a packed key. */
    public static SourceGroup sourceGroup(long key) {
        int s = source(key);
        int g = group(key);
        if (g == 0) {
            return SourceGroup.all();
        }
        return s == 0 ? SourceGroup.anySource(toAddress(g)) : SourceGroup.of(toAddress(s), toAddress(g));
    }

    /** Unsigned comparison of packed keys: the (group, source) order. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    public static String toString(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
