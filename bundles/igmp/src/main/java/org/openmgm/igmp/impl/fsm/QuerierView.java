package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The querier state of one interface, for operators (RFC 3376 §6.6.2): an immutable snapshot.
 *
 * @param querier whether this router is the querier of the link
 * @param querierAddress the querier's address: this router's own while it is querier, else the
 *     address of the last query that won the election; {@code null} while the router is stopped
 * @param otherQuerierPresentLeft time left on the Other Querier Present timer (§8.5); zero while querier
 * @param version the IGMP version the router runs (1, 2 or 3)
 * @param robustness the Robustness Variable in use: the querier's QRV adopted by a non-querier
 *     (§4.1.6), else the configured value
 * @param queryInterval the Query Interval in use: the querier's QQI adopted by a non-querier (§4.1.7),
 *     else the configured value
 * @param nextGeneralQuery time until this router's next General Query; zero when it sends none
 * @param startupQueriesLeft Startup Query Count queries (§8.7) not yet sent
 */
public record QuerierView(boolean querier, InetAddress querierAddress, Duration otherQuerierPresentLeft, int version,
                          int robustness, Duration queryInterval, Duration nextGeneralQuery, int startupQueriesLeft) {

    /**
     * Validates.
     *
     * @throws NullPointerException if a duration is null
     */
    public QuerierView {
        Objects.requireNonNull(otherQuerierPresentLeft, "otherQuerierPresentLeft");
        Objects.requireNonNull(queryInterval, "queryInterval");
        Objects.requireNonNull(nextGeneralQuery, "nextGeneralQuery");
    }
}
