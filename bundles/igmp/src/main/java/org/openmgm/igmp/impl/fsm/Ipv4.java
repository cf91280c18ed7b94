package org.openmgm.igmp.impl.fsm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;

/** IPv4 address helpers of the state machine: ordering, querier comparison and the address classes IGMP cares about. */
final class Ipv4 {

    /** 224.0.0.1, the destination of General Queries (RFC 3376 §4.1.12). */
    static final InetAddress ALL_SYSTEMS = of(224, 0, 0, 1);

    /** Numeric (unsigned) order of IPv4 addresses: the order of operator views and of querier election. */
    static final Comparator<InetAddress> ORDER = (a, b) -> Integer.compareUnsigned(bits(a), bits(b));

    private Ipv4() {
    }

    /** The address as an int, most significant byte first. */
    static int bits(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    /** Tells whether {@code a} is numerically lower than {@code b} (RFC 3376 §6.6.2, RFC 2236 §3). */
    static boolean lower(InetAddress a, InetAddress b) {
        return ORDER.compare(a, b) < 0;
    }

    /** An IPv4 multicast address (224.0.0.0/4). */
    static boolean isMulticast(InetAddress a) {
        return a instanceof Inet4Address && a.isMulticastAddress();
    }

    /** A group of the Local Network Control Block 224.0.0.0/24, which is never routed nor tracked. */
    static boolean isLinkLocalGroup(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0;
    }

    /** A plausible IPv4 unicast address (a source, a router): not multicast, not 0.0.0.0, not 255.255.255.255. */
    static boolean isUnicast(InetAddress a) {
        return a instanceof Inet4Address && !a.isMulticastAddress() && !a.isAnyLocalAddress() && bits(a) != -1;
    }

    private static InetAddress of(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
