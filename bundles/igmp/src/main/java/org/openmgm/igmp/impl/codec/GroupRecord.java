package org.openmgm.igmp.impl.codec;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One group record of an IGMPv3 report (RFC 3376 §4.2.4).
 *
 * @param type the record type
 * @param group the multicast address
 * @param sources the source list, in wire order
 * @param auxData the auxiliary data (a multiple of 4 bytes; IGMPv3 defines none and receivers ignore
 *     it, §4.2.10), kept so that messages round-trip
 */
public record GroupRecord(RecordType type, InetAddress group, List<InetAddress> sources, byte[] auxData) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the auxiliary data is not a multiple of 4 bytes
     */
    public GroupRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(group, "group");
        sources = List.copyOf(sources);
        auxData = auxData == null ? new byte[0] : auxData.clone();
        if (auxData.length % 4 != 0) {
            throw new IllegalArgumentException("auxiliary data must be whole 32-bit words: " + auxData.length);
        }
    }

    /** A record without auxiliary data. */
    public GroupRecord(RecordType type, InetAddress group, List<InetAddress> sources) {
        this(type, group, sources, new byte[0]);
    }

    @Override
    public byte[] auxData() {
        return auxData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupRecord r && type == r.type && group.equals(r.group) && sources.equals(r.sources)
                && Arrays.equals(auxData, r.auxData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, group, sources, Arrays.hashCode(auxData));
    }

    @Override
    public String toString() {
        return type + "(" + group.getHostAddress() + ", " + sources.stream().map(InetAddress::getHostAddress).toList()
                + (auxData.length == 0 ? "" : ", aux " + auxData.length + " bytes") + ")";
    }
}
