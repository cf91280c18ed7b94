package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The querier of the link (RFC 3376 §6.6.2, RFC 2236 §3): election by lowest address, the General
 * Query cycle with its startup phase (§8.6, §8.7), the Other Querier Present timer (§8.5), and the
 * adoption of the querier's QRV and QQIC by a non-querier (§4.1.6, §4.1.7). It owns the two
 * interface-wide timers and keeps {@link InterfaceContext#isQuerier()} and the timer values in
 * force up to date.
 */
final class QuerierElection {

    private static final Logger log = LoggerFactory.getLogger(QuerierElection.class);

    private final InterfaceContext ctx;
    private final Runnable querierLost;

    /** §6.6.3/§8.2: the next General Query while querier; Startup Query Interval apart at first (§8.6). */
    private ScheduledFuture<?> generalQueryTimer;
    /** §6.6.2/§8.5 Other Querier Present timer: runs while another router is querier. */
    private ScheduledFuture<?> otherQuerierPresentTimer;
    /** §8.7: startup General Queries not yet sent. */
    private int startupQueriesLeft;
    private InetAddress querierAddress;
    /** §4.1.6: the querier's QRV adopted by this non-querier; 0 for none (configured value in force). */
    private int adoptedRobustness;
    /** §4.1.7: the querier's QQI adopted by this non-querier; {@code null} for none. */
    private Duration adoptedQueryInterval;

    QuerierElection(InterfaceContext ctx, Runnable querierLost) {
        this.ctx = ctx;
        this.querierLost = querierLost;
    }

    /** RFC 3376 §6.6.2 / RFC 2236 §3: a router starts as querier and sends Startup Query Count General Queries. */
    void start() {
        startupQueriesLeft = ctx.config().startupQueryCount();
        becomeQuerier();
    }

    /** Stops every timer; the router is neither querier nor non-querier afterwards. */
    void stop() {
        InterfaceContext.cancel(generalQueryTimer);
        InterfaceContext.cancel(otherQuerierPresentTimer);
        generalQueryTimer = null;
        otherQuerierPresentTimer = null;
        startupQueriesLeft = 0;
        querierAddress = null;
        ctx.querier(false);
        forgetAdopted();
    }

    /**
     * A query was received from {@code source}. Any query, whatever its version or S flag (§4.1.5:
     * the S flag does not suppress the election), from a lower address than ours makes us a
     * non-querier and restarts the Other Querier Present timer (RFC 3376 §6.6.2 and RFC 2236 §3 say
     * "a query"; RFC 9776 words it for General Queries, which the querier sends anyway). A query
     * from a higher address changes nothing. A non-querier then adopts the QRV and QQIC of its
     * querier's queries.
     */
    void onQuery(MembershipQuery q, InetAddress source) {
        if (Ipv4.lower(source, ctx.localAddress)) {
            boolean was = ctx.isQuerier();
            ctx.querier(false);
            querierAddress = source;
            InterfaceContext.cancel(generalQueryTimer);
            generalQueryTimer = null;
            startupQueriesLeft = 0;
            if (was) {
                log.debug("{} is querier on {}: this router stops querying", source.getHostAddress(),
                        ctx.localAddress.getHostAddress());
                querierLost.run();    // only the querier sends (specific) queries
            }
            adopt(q);
            InterfaceContext.cancel(otherQuerierPresentTimer);
            otherQuerierPresentTimer = ctx.schedule(ctx.intervals().otherQuerierPresentInterval(),
                    this::otherQuerierGone);
        }
    }

    /** The configuration changed: new values apply from the next time a timer is armed. */
    void reconfigured() {
        ctx.intervals(Intervals.of(ctx.config(), adoptedRobustness, adoptedQueryInterval));
    }

    QuerierView view() {
        Intervals iv = ctx.intervals();
        return new QuerierView(ctx.isQuerier(), querierAddress, InterfaceContext.left(otherQuerierPresentTimer),
                ctx.config().version(), iv.robustness(), iv.queryInterval(), InterfaceContext.left(generalQueryTimer),
                startupQueriesLeft);
    }

    /**
     * §4.1.6: QRV adopted unless zero (then the configured value); §4.1.7: QQI adopted unless zero.
     * IGMPv1/v2 queries carry neither, which is the same as zeros.
     */
    private void adopt(MembershipQuery q) {
        adoptedRobustness = q.version() == 3 ? q.robustness() : 0;
        adoptedQueryInterval = q.version() == 3 && !q.queryInterval().isZero() ? q.queryInterval() : null;
        reconfigured();
    }

    private void forgetAdopted() {
        adoptedRobustness = 0;
        adoptedQueryInterval = null;
        reconfigured();
    }

    /** §6.6.2: "After its Other-Querier Present timer expires, it should begin sending General Queries." */
    private void otherQuerierGone() {
        otherQuerierPresentTimer = null;
        log.debug("Other querier {} gone: {} becomes querier", querierAddress, ctx.localAddress.getHostAddress());
        becomeQuerier();
    }

    private void becomeQuerier() {
        InterfaceContext.cancel(otherQuerierPresentTimer);
        otherQuerierPresentTimer = null;
        ctx.querier(true);
        querierAddress = ctx.localAddress;
        forgetAdopted();    // the querier announces its own configured values
        sendGeneralQuery();
    }

    private void generalQueryDue() {
        generalQueryTimer = null;
        if (ctx.isQuerier()) {
            sendGeneralQuery();
        }
    }

    /**
     * A General Query to 224.0.0.1 (§4.1.12) in the router's version, Max Resp Code from the Query
     * Response Interval (§8.3); the next one Startup Query Interval later while startup queries
     * remain (§8.6, §8.7), else Query Interval later (§8.2).
     */
    private void sendGeneralQuery() {
        Intervals iv = ctx.intervals();
        ctx.send(MembershipQuery.general(ctx.config().version(), iv.queryResponseInterval(), iv.robustness(),
                iv.queryInterval()), Ipv4.ALL_SYSTEMS, IgmpCounters.Message.GENERAL_QUERY_SENT);
        if (startupQueriesLeft > 0) {
            startupQueriesLeft--;
        }
        Duration next = startupQueriesLeft > 0 ? ctx.config().startupQueryInterval() : iv.queryInterval();
        generalQueryTimer = ctx.schedule(next, this::generalQueryDue);
    }
}
