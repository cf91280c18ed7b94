package org.openmgm.spi;

import java.util.Objects;

import org.openmgm.api.InterfaceId;

/**
 * One of a protocol's own interfaces proposed as outgoing for a new MFE in a creation alert (spec
 * §2.9.2 {@code MGM_IF_ENTRY}, §4.3).
 *
 * @param ifId the interface
 * @param igmp whether IGMP holds the interface too (bIGMP, spec [RES Q24])
 */
public record CandidateInterface(InterfaceId ifId, boolean igmp) {

    /**
     * Validates.
     *
     * @throws NullPointerException if the interface is null
     */
    public CandidateInterface {
        Objects.requireNonNull(ifId, "ifId");
    }
}
