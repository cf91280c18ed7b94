package org.openmgm.igmp.impl.fsm;

import java.time.Duration;

/**
 * The timer values in force on the interface (RFC 3376 §8): the configured ones, except that a
 * non-querier uses the Robustness Variable and Query Interval it adopted from the querier's QRV and
 * QQIC (§4.1.6, §4.1.7). Every derived interval follows from these five values exactly as §8 says.
 *
 * @param robustness the Robustness Variable in use (§8.1)
 * @param queryInterval the Query Interval in use (§8.2)
 * @param queryResponseInterval the Query Response Interval (§8.3)
 * @param lastMemberQueryInterval the Last Member Query Interval, LMQI (§8.8)
 * @param lastMemberQueryCount the Last Member Query Count, LMQC (§8.9)
 */
record Intervals(int robustness, Duration queryInterval, Duration queryResponseInterval,
                 Duration lastMemberQueryInterval, int lastMemberQueryCount) {

    /**
     * The values in force.
     *
     * @param config the configuration
     * @param adoptedRobustness the querier's QRV, or 0 to use the configured value (§4.1.6)
     * @param adoptedQueryInterval the querier's QQI, or {@code null} to use the configured value (§4.1.7)
     */
    static Intervals of(IgmpConfig config, int adoptedRobustness, Duration adoptedQueryInterval) {
        return new Intervals(adoptedRobustness > 0 ? adoptedRobustness : config.robustness(),
                adoptedQueryInterval != null ? adoptedQueryInterval : config.queryInterval(),
                config.queryResponseInterval(), config.lastMemberQueryInterval(), config.lastMemberQueryCount());
    }

    /** GMI, §8.4: Robustness Variable × Query Interval + Query Response Interval. */
    Duration groupMembershipInterval() {
        // Plain long arithmetic: Duration.multipliedBy goes through BigDecimal, and this runs per report.
        return Duration.ofNanos(queryInterval.toNanos() * robustness + queryResponseInterval.toNanos());
    }

    /** §8.5: Robustness Variable × Query Interval + ½ Query Response Interval. */
    Duration otherQuerierPresentInterval() {
        return Duration.ofNanos(queryInterval.toNanos() * robustness + queryResponseInterval.toNanos() / 2);
    }

    /** LMQT, §8.10: Last Member Query Interval × Last Member Query Count. */
    Duration lastMemberQueryTime() {
        return Duration.ofNanos(lastMemberQueryInterval.toNanos() * lastMemberQueryCount);
    }

    /** §8.13: Robustness Variable × Query Interval + Query Response Interval (the GMI). */
    Duration olderHostPresentInterval() {
        return groupMembershipInterval();
    }
}
