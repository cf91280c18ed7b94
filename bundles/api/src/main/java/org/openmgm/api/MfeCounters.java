package org.openmgm.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The forwarding plane's counters for one MFE (spec §2.8, §2.9.5–2.9.7: the fields of {@code
 * MIB_IPMCAST_MFE_STATS_EX} and {@code MIB_IPMCAST_OIF_STATS}). A plane that cannot count
 * something reports 0 for it.
 *
 * @param inPackets packets that matched the entry
 * @param inOctets octets of those packets
 * @param packetsDifferentInterface matching packets dropped because they arrived on another
 *     interface than the iif
 * @param queueOverflow matching packets dropped because the entry's queue overflowed
 * @param uninitialized matching packets counted as "uninitialized"
 * @param negativeMfe matching packets dropped by a negative entry
 * @param inDiscards matching packets discarded
 * @param inHeaderErrors matching packets discarded for bad headers (e.g. TTL)
 * @param totalOutPackets packets sent over all outgoing interfaces (one packet on N interfaces
 *     counts N)
 * @param outgoing per outgoing interface counters
 */
public record MfeCounters(long inPackets, long inOctets, long packetsDifferentInterface, long queueOverflow,
                          long uninitialized, long negativeMfe, long inDiscards, long inHeaderErrors,
                          long totalOutPackets, Map<InterfaceId, OifCounters> outgoing) {

    /** All zero, no outgoing interface. */
    public static final MfeCounters ZERO = new MfeCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    /**
     * Copies the map into interface order.
     *
     * @throws NullPointerException if the map is null
     */
    public MfeCounters {
        outgoing = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(outgoing, "outgoing")));
    }

    /**
     * Counters of one outgoing interface (spec §2.9.7).
     *
     * @param ttlTooLow packets not sent because their TTL was below the interface's threshold
     * @param fragmentationNeeded packets that needed fragmentation
     * @param outPackets packets sent out of the interface
     * @param outDiscards packets discarded on the interface
     */
    public record OifCounters(long ttlTooLow, long fragmentationNeeded, long outPackets, long outDiscards) {

        /** All zero. */
        public static final OifCounters ZERO = new OifCounters(0, 0, 0, 0);
    }
}
