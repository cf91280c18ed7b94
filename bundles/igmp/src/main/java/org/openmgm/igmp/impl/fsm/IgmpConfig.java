package org.openmgm.igmp.impl.fsm;

import java.time.Duration;
import java.util.Objects;

import org.openmgm.api.Prefix;

/**
 * IGMP router configuration of one interface, with the defaults of RFC 3376 §8 (and RFC 2236 §8 for
 * IGMPv2). The derived timers are computed from it exactly as §8 defines them.
 *
 * @param version the IGMP version the router runs (1, 2 or 3); with an older querier on the link
 *     it must be set to the lowest version there (RFC 3376 §7.3.1)
 * @param robustness the Robustness Variable (§8.1), at least 1 (2 by default)
 * @param queryInterval the Query Interval (§8.2), 125 s by default
 * @param queryResponseInterval the Query Response Interval, i.e. the Max Resp Time of general
 *     queries (§8.3), 10 s by default; less than the query interval
 * @param lastMemberQueryInterval the Last Member Query Interval (§8.8), 1 s by default
 * @param lastMemberQueryCount the Last Member Query Count (§8.9), the robustness by default
 * @param startupQueryInterval the Startup Query Interval (§8.6), a quarter of the query interval
 * @param startupQueryCount the Startup Query Count (§8.7), the robustness by default
 * @param fastLeave immediate leave: when the last report for a group or source says it left, stop
 *     forwarding at once instead of querying (only sound on a link with one host per group)
 * @param ssmRange the source-specific multicast range (RFC 4607 §3; 232.0.0.0/8 by default): in
 *     it, ASM requests (IGMPv1/v2 reports, EXCLUDE records, v3 TO_EX) are ignored and counted
 * @param maxGroups the most groups the interface keeps; reports for more are refused and counted
 * @param maxSourcesPerGroup the most source records per group; more are refused and counted
 */
public record IgmpConfig(int version, int robustness, Duration queryInterval, Duration queryResponseInterval,
                         Duration lastMemberQueryInterval, int lastMemberQueryCount, Duration startupQueryInterval,
                         int startupQueryCount, boolean fastLeave, Prefix ssmRange, int maxGroups,
                         int maxSourcesPerGroup) {

    /** The defaults of RFC 3376 §8 for an IGMPv3 router. */
    public static final IgmpConfig DEFAULTS = new IgmpConfig(3, 2, Duration.ofSeconds(125), Duration.ofSeconds(10),
            Duration.ofSeconds(1), 2, Duration.ofMillis(125_000 / 4), 2, false,
            Prefix.parse("232.0.0.0/8"), 8192, 1024);

    /**
     * Validates the relations RFC 3376 §8 requires.
     *
     * @throws IllegalArgumentException naming the field and value that are out of range
     * @throws NullPointerException if an argument is null
     */
    public IgmpConfig {
        Objects.requireNonNull(queryInterval, "queryInterval");
        Objects.requireNonNull(queryResponseInterval, "queryResponseInterval");
        Objects.requireNonNull(lastMemberQueryInterval, "lastMemberQueryInterval");
        Objects.requireNonNull(startupQueryInterval, "startupQueryInterval");
        Objects.requireNonNull(ssmRange, "ssmRange");
        check(version >= 1 && version <= 3, "version", version);
        check(robustness >= 1 && robustness <= 7, "robustness", robustness);   // QRV is 3 bits (§4.1.6)
        check(!queryInterval.isNegative() && queryInterval.toMillis() >= 1000, "queryInterval", queryInterval);
        check(queryResponseInterval.toMillis() >= 100 && queryResponseInterval.compareTo(queryInterval) < 0,
                "queryResponseInterval", queryResponseInterval + " (must be at least 0.1 s and below the query interval)");
        check(lastMemberQueryInterval.toMillis() >= 100, "lastMemberQueryInterval", lastMemberQueryInterval);
        check(lastMemberQueryCount >= 1 && lastMemberQueryCount <= 7, "lastMemberQueryCount", lastMemberQueryCount);
        check(startupQueryInterval.toMillis() >= 100, "startupQueryInterval", startupQueryInterval);
        check(startupQueryCount >= 1 && startupQueryCount <= 7, "startupQueryCount", startupQueryCount);
        check(maxGroups >= 1, "maxGroups", maxGroups);
        check(maxSourcesPerGroup >= 1, "maxSourcesPerGroup", maxSourcesPerGroup);
        if (version == 2) {
            // IGMPv2 Max Resp Time is 8 bits of 1/10 s (RFC 2236 §2.2).
            check(queryResponseInterval.toMillis() <= 25_500, "queryResponseInterval",
                    queryResponseInterval + " (IGMPv2 allows at most 25.5 s)");
            check(lastMemberQueryInterval.toMillis() <= 25_500, "lastMemberQueryInterval",
                    lastMemberQueryInterval + " (IGMPv2 allows at most 25.5 s)");
        }
    }

    private static void check(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range");
        }
    }

    /** Group Membership Interval (§8.4): robustness × query interval + query response interval. */
    public Duration groupMembershipInterval() {
        return queryInterval.multipliedBy(robustness).plus(queryResponseInterval);
    }

    /** Other Querier Present Interval (§8.5): robustness × query interval + half the response interval. */
    public Duration otherQuerierPresentInterval() {
        return queryInterval.multipliedBy(robustness).plus(queryResponseInterval.dividedBy(2));
    }

    /** Last Member Query Time (§8.10): interval × count. */
    public Duration lastMemberQueryTime() {
        return lastMemberQueryInterval.multipliedBy(lastMemberQueryCount);
    }

    /** Older Host Present Interval (§8.13): the group membership interval. */
    public Duration olderHostPresentInterval() {
        return groupMembershipInterval();
    }
}
