package org.openmgm.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * IGMP on one interface (RFC 5519 mgmdRouterInterfaceTable).
 *
 * @param id the interface
 * @param name its system name
 * @param version the IGMP version it runs
 * @param querier whether this router is the querier there
 * @param querierAddress the current querier (this router's address when it is the querier)
 * @param otherQuerierExpiresIn time left on the Other Querier Present timer (zero when querier)
 * @param robustness the robustness variable in use (configured, or adopted from the querier)
 * @param queryInterval the query interval in use (configured, or adopted from the querier)
 * @param groups how many groups are joined
 * @param sources how many source records exist over all groups
 * @param counters message and drop counters by name (e.g. {@code REPORT_V3_RECEIVED},
 *     {@code drop.BAD_CHECKSUM})
 */
public record IgmpInterfaceStatus(InterfaceId id, String name, int version, boolean querier, InetAddress querierAddress,
                                  Duration otherQuerierExpiresIn, int robustness, Duration queryInterval, int groups,
                                  int sources, Map<String, Long> counters) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public IgmpInterfaceStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(querierAddress, "querierAddress");
        Objects.requireNonNull(otherQuerierExpiresIn, "otherQuerierExpiresIn");
        Objects.requireNonNull(queryInterval, "queryInterval");
        counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    }
}
