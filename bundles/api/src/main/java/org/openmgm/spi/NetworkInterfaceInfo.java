package org.openmgm.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;

/**
 * An interface of the system as a plane sees it: name, index, state and IPv4 addresses.
 *
 * @param id the MGM's id for it (index, next hop 0.0.0.0)
 * @param name the system's name, e.g. {@code eth0}
 * @param up whether it is administratively and operationally up
 * @param multicast whether it can carry multicast (Linux: IFF_MULTICAST)
 * @param addresses its IPv4 addresses with their prefix lengths (address with host bits, e.g.
 *     10.0.1.1/24 is given as address 10.0.1.1 and length 24); the first is the primary one
 */
public record NetworkInterfaceInfo(InterfaceId id, String name, boolean up, boolean multicast,
                                   List<Address> addresses) {

    /**
     * One configured address.
     *
     * @param address the interface's own address
     * @param prefixLength the length of its subnet
     */
    public record Address(InetAddress address, int prefixLength) {

        /**
         * Validates.
         *
         * @throws NullPointerException if the address is null
         * @throws IllegalArgumentException if the length is out of range
         */
        public Address {
            Objects.requireNonNull(address, "address");
            if (prefixLength < 0 || prefixLength > address.getAddress().length * 8) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
            }
        }

        /**
         * Tells whether an address lies in this address's subnet.
         *
         * @param other an address
         * @return {@code true} if the first {@code prefixLength} bits agree
         */
        public boolean onSubnet(InetAddress other) {
            byte[] a = address.getAddress();
            byte[] b = other.getAddress();
            if (a.length != b.length) {
                return false;
            }
            for (int i = 0; i < prefixLength; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Returns the subnet this address is on.
         *
         * @return the network prefix
         */
        public Prefix subnet() {
            byte[] a = address.getAddress().clone();
            for (int i = prefixLength; i < a.length * 8; i++) {
                a[i / 8] &= (byte) ~(0x80 >>> (i % 8));
            }
            try {
                return Prefix.of(InetAddress.getByAddress(a), prefixLength);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public NetworkInterfaceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
    }

    /**
     * Returns the primary IPv4 address, the source of the queries IGMP sends there.
     *
     * @return the first address, if any
     */
    public Optional<Address> primaryAddress() {
        return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(0));
    }

    /**
     * Tells whether an address is on one of the interface's subnets (RFC 3376 §9.2).
     *
     * @param a an address
     * @return {@code true} if some configured subnet holds it
     */
    public boolean onLink(InetAddress a) {
        for (Address x : addresses) {                 // per received packet: no stream
            if (x.onSubnet(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether an address is one of the interface's own.
     *
     * @param a an address
     * @return {@code true} for a configured address
     */
    public boolean isOwnAddress(InetAddress a) {
        for (Address x : addresses) {
            if (x.address().equals(a)) {
                return true;
            }
        }
        return false;
    }
}
