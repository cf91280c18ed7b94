package org.openmgm.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Identity of an interface as the MGM sees it: the pair (interface index, next-hop address)
 * (spec §2.4).
 *
 * <p>The next hop is the unspecified address ({@code 0.0.0.0}) for broadcast and ordinary
 * point-to-point interfaces; only a link of a point-to-multipoint interface names its neighbour
 * there. Two ids are equal iff both parts are equal: {@code (7, 0.0.0.0)} and {@code (7,
 * 10.0.0.2)} are different interfaces for ownership, membership and forwarding (spec [RES Q3]).
 * Ids order by index, then by next-hop address compared as an unsigned number.
 *
 * @param ifIndex the operating system's interface index, positive
 * @param nextHop the neighbour on a point-to-multipoint link, or the unspecified address;
 *     never a multicast address
 */
public record InterfaceId(int ifIndex, InetAddress nextHop) implements Comparable<InterfaceId> {

    private static final InetAddress UNSPECIFIED_V4 = unspecifiedV4();

    private static final Comparator<InterfaceId> ORDER = Comparator
            .comparingInt(InterfaceId::ifIndex)
            .thenComparing(InterfaceId::nextHop, InterfaceId::compareAddresses);

    /**
     * Validates the pair.
     *
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if the index is not positive or
     *     the next hop is missing or multicast
     */
    public InterfaceId {
        if (ifIndex <= 0) {
            throw MgmException.invalid("interface index must be positive, got " + ifIndex);
        }
        if (nextHop == null) {
            throw MgmException.invalid("interface next hop must not be null (use 0.0.0.0)");
        }
        if (nextHop.isMulticastAddress()) {
            throw MgmException.invalid("interface next hop must not be multicast, got "
                    + nextHop.getHostAddress());
        }
    }

    /**
     * Returns the id of a broadcast or point-to-point interface (next hop {@code 0.0.0.0}).
     *
     * @param ifIndex the interface index, positive
     * @return the interface id
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if the index is not positive
     */
    public static InterfaceId of(int ifIndex) {
        return new InterfaceId(ifIndex, UNSPECIFIED_V4);
    }

    /**
     * Returns the id of one link of a point-to-multipoint interface.
     *
     * @param ifIndex the interface index, positive
     * @param nextHop the neighbour's address on that link
     * @return the interface id
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if an argument is invalid
     */
    public static InterfaceId of(int ifIndex, InetAddress nextHop) {
        return new InterfaceId(ifIndex, nextHop);
    }

    /**
     * Parses the text form of {@link #toString()}: {@code if7} or {@code 7} for a broadcast or
     * point-to-point interface, {@code if7/10.0.0.2} or {@code 7/10.0.0.2} for one link of a
     * point-to-multipoint interface. Surrounding white space is ignored.
     *
     * @param text the text
     * @return the interface id
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} naming the text if it is malformed
     */
    public static InterfaceId parse(String text) {
        if (text == null) {
            throw MgmException.invalid("interface must not be null");
        }
        String s = text.strip();
        String body = s.startsWith("if") ? s.substring(2) : s;
        int slash = body.indexOf('/');
        String index = slash < 0 ? body : body.substring(0, slash);
        int ifIndex;
        try {
            ifIndex = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw MgmException.invalid("'" + text + "' is not an interface (expected an index such as 7 or"
                    + " 7/10.0.0.2)");
        }
        if (slash < 0) {
            return of(ifIndex);
        }
        return of(ifIndex, Addresses.parse(body.substring(slash + 1), text));
    }

    /**
     * Tells whether this id names one link of a point-to-multipoint interface.
     *
     * @return {@code true} when the next hop is a real neighbour address
     */
    public boolean isPointToMultipointLink() {
        return !nextHop.isAnyLocalAddress();
    }

    @Override
    public int compareTo(InterfaceId other) {
        int c = Integer.compare(ifIndex, other.ifIndex);
        if (c != 0 || nextHop.equals(other.nextHop)) {
            return c;   // the common case costs no address copies
        }
        return ORDER.compare(this, other);
    }

    /** Returns {@code if7}, or {@code if7/10.0.0.2} for a point-to-multipoint link. */
    @Override
    public String toString() {
        return isPointToMultipointLink()
                ? "if" + ifIndex + "/" + nextHop.getHostAddress()
                : "if" + ifIndex;
    }

    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }

    private static InetAddress unspecifiedV4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
