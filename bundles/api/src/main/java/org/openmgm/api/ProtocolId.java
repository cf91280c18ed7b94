package org.openmgm.api;

import java.util.Comparator;

/**
 * Identifies one registered client instance of the MGM: a protocol number and the number of one
 * instance of that protocol (spec §2.3). Two registrations with the same pair cannot coexist.
 *
 * @param protocol the protocol number, for example {@value #IGMP_PROTOCOL} for IGMP
 * @param component the instance number within that protocol
 */
public record ProtocolId(int protocol, int component) implements Comparable<ProtocolId> {

    /**
     * The protocol number that marks a client as IGMP unless the MGM is configured otherwise
     * (Windows' {@code PROTO_IP_IGMP}, spec §2.2 and [RES Q9]).
     */
    public static final int IGMP_PROTOCOL = 10;

    private static final Comparator<ProtocolId> ORDER = Comparator
            .comparingInt(ProtocolId::protocol).thenComparingInt(ProtocolId::component);

    /**
     * Returns the id of a protocol instance.
     *
     * @param protocol the protocol number
     * @param component the instance number
     * @return the id
     */
    public static ProtocolId of(int protocol, int component) {
        return new ProtocolId(protocol, component);
    }

    @Override
    public int compareTo(ProtocolId other) {
        return ORDER.compare(this, other);
    }

    /** Returns {@code protocol/component}, for example {@code 10/0}. */
    @Override
    public String toString() {
        return protocol + "/" + component;
    }
}
