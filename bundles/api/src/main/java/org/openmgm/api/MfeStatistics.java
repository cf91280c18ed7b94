package org.openmgm.api;

import java.util.Objects;

/**
 * An MFE with its forwarding counters (spec §3.12–3.13; the union of {@code
 * MIB_IPMCAST_MFE_STATS} and {@code _EX}). The counters cover the outgoing interfaces the plane
 * knows; an interface of the entry that has not forwarded yet may be missing there (count 0).
 *
 * @param mfe the entry
 * @param counters its counters from the forwarding plane
 */
public record MfeStatistics(Mfe mfe, MfeCounters counters) {

    /**
     * Validates.
     *
     * @throws NullPointerException if an argument is null
     */
    public MfeStatistics {
        Objects.requireNonNull(mfe, "mfe");
        Objects.requireNonNull(counters, "counters");
    }
}
