package org.openmgm.igmp.impl.fsm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

import org.openmgm.igmp.impl.codec.IgmpMessage;
import org.openmgm.igmp.impl.codec.LeaveGroup;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.igmp.impl.codec.MembershipReportV1;
import org.openmgm.igmp.impl.codec.MembershipReportV2;
import org.openmgm.igmp.impl.codec.MembershipReportV3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router side of IGMP on one interface, sans I/O (DESIGN.md rule 5): decoded messages, time
 * and configuration go in; queries and group state come out through an {@link IgmpRouterPort}.
 *
 * <h2>Design</h2>
 *
 * <p><b>Supported standards: RFC 1112, RFC 2236, RFC 3376 (RFC 9776), RFC 4604.</b> That is
 * IGMPv1 and IGMPv2 router operation, IGMPv3 router operation (§6 and §7.3 of RFC 3376, read with
 * RFC 9776, which obsoletes it and fixes its errata), and the SSM router rules of RFC 4604 §2.2.1
 * in the SSM range of RFC 4607. Router side only: this router is not itself a group member.
 *
 * <p><b>The classes.</b> This class validates, counts and dispatches, and applies
 * reconfiguration. {@link QuerierElection} is the querier: the election by lowest address, the
 * General Query cycle with its startup phase, the Other Querier Present timer, and the adoption of
 * the querier's QRV/QQIC by a non-querier. {@link ReportProcessor} admits reports (group address,
 * link-local groups, the SSM range, the group and source limits), translates older versions
 * through {@link Compatibility} (§7.3.2) and applies the tables of §6.4.1 and §6.4.2 row by row.
 * Each row's "Send Q(G)" and "Send Q(G,X)" actions go to {@link SpecificQueries}, which builds,
 * sends and retransmits group-specific and group-and-source-specific queries (§6.6.3) and applies
 * the timer updates of specific queries received from the querier (§6.6.1). {@link GroupState} and
 * {@link SourceState} are the router state of §6.2.1. {@link GroupTable} holds the groups, creates
 * them within the limit, announces and deletes them. {@link InterfaceContext} is what they share
 * (configuration, clock, scheduler, port, counters, the querier flag and the timer values in force,
 * {@link Intervals}). {@link QuerierView} and {@link GroupView} are the operators' snapshots.
 *
 * <p><b>Who owns which timer.</b> Every timer is a one-shot {@code ScheduledFuture} field of the
 * state it governs, re-armed with the values in force each time (so a reconfiguration takes effect
 * at each timer's next occurrence), and cancelled when that state goes:
 * <ul>
 *   <li>{@link QuerierElection}: the General Query timer (§8.2, §8.6) and the Other Querier Present
 *       timer (§6.6.2, §8.5);
 *   <li>{@link GroupState}: the group timer (§6.2.1, expiry §6.5), the IGMPv1 and IGMPv2 Host
 *       Present timers (§7.3.2), and the retransmission timer of its specific queries (§6.6.3)
 *       with the group-specific query count;
 *   <li>{@link SourceState}: the source timer (§6.2.1, expiry §6.3) and its query retransmission
 *       count (§6.6.3.2).
 * </ul>
 *
 * <p><b>What goes out.</b> {@link IgmpRouterPort#sendQuery}: General Queries to 224.0.0.1 and
 * specific queries to their group (§4.1.12), in the router's configured version: IGMPv3 queries
 * carry Max Resp Code (Query Response Interval, or LMQI for specific queries), S flag, QRV and
 * QQIC; IGMPv2 queries the Max Resp Time; IGMPv1 queries none. {@link IgmpRouterPort#groupChanged}:
 * after every change of what a group asks for, the §6.3 view of it: INCLUDE with the sources to
 * forward, or EXCLUDE with the sources to block (the Exclude List; all others are forwarded,
 * including the Requested List), with the group's compatibility version. INCLUDE with no source
 * means the group is gone; it is announced once and the record deleted. A timer refresh that
 * changes none of that calls nothing.
 *
 * <p><b>Decisions where the RFCs leave room</b> (each is also commented where it is made):
 * <ul>
 *   <li>Received specific queries lower timers (§6.6.1) only when this router is not the querier:
 *       the querier lowers its timers when it sends, and a query from a router that lost the
 *       election must not shorten the querier's state.
 *   <li>A non-querier does nothing for "Send Q" actions: it neither sends nor lowers its timers,
 *       and relies on the querier's queries (§6.6.1, §6.6.3.2 "encountered by a querier").
 *   <li>Queries are sent in the router's configured version, also the group-specific queries for
 *       a group in IGMPv2 compatibility mode: the querier runs one version, the lowest of the
 *       link's routers (§7.3.1); IGMPv2 hosts read the first 8 bytes of an IGMPv3 query (RFC 2236
 *       §2.5); and only an IGMPv3 query carries the S flag that keeps the other routers' timers
 *       right once a member has answered (§6.6.3.1).
 *   <li>Querier election counts every query from a lower address, general or specific, of any
 *       version, S flag or not, as RFC 3376 §6.6.2 and RFC 2236 §3 word it (RFC 9776 words it for
 *       General Queries, which a querier sends anyway).
 *   <li>An IGMPv1/v2 router drops IGMPv3 reports as an unknown type, as a real RFC 2236 router
 *       does, so all routers of the link agree; hosts fall back to older reports when they hear its
 *       queries (§7.2.1). An IGMPv1 router likewise drops leaves (§7.3.1). An IGMPv2 router stops
 *       its group-specific queries once a report answered them (RFC 2236 §6), having no S flag.
 *   <li>Fast leave: the records by which a host gives something up (leave, TO_IN, BLOCK) skip
 *       their query and apply at once what an unanswered query would have applied after LMQT:
 *       the queried sources' timers and, for Q(G), the group timer go to zero. What other state
 *       holds is untouched: a BLOCK in EXCLUDE mode blocks the sources but the group stays until its
 *       timer ends, a leave is still ignored while IGMPv1 hosts are present, and TO_EX, a join,
 *       keeps its confirmation query. It applies as querier and as non-querier alike.
 *   <li>Merged retransmissions (RFC 9776 §6.4.2): a new "Send Q" sends at once, carrying every
 *       source with retransmission state, and restarts the retransmission timer; an S-set
 *       group-and-source query is left out when a group-specific query goes at the same time
 *       (note of §6.6.3.2). Group-and-source queries are split to fit a 1500-byte MTU.
 *   <li>A version change cancels pending specific queries and keeps the rest: source state left
 *       over from IGMPv3 ages out or is replaced by the older reports that hosts send once they hear
 *       the older queries; the Host Present timers, kept in every version, give the compatibility
 *       mode on the way back up.
 *   <li>Limits: a record that would exceed {@code maxSourcesPerGroup}, or create a group beyond
 *       {@code maxGroups}, is refused whole and counted; nothing of it is applied.
 *   <li>A query from 0.0.0.0 (a snooping switch's proxy querier, RFC 4541 §2.1.1) takes part in
 *       nothing.
 * </ul>
 *
 * <p><b>Threading.</b> Not thread-safe and lock-free: every method and every timer task must run on
 * the single thread behind the given scheduler (the glue guarantees it; tests use a
 * {@code ManualScheduler}). The port is called on that thread, with the state already consistent,
 * so it may call {@link #groups()} or {@link #querier()} back; its exceptions are logged and
 * swallowed.
 *
 * <p><b>What the glue must do before {@link #receive}:</b> decode and verify the checksum and
 * length (§7.1 version by length), check IP TTL 1 and Router Alert where required, that the
 * sender is on the interface's subnets (§9), and drop this router's own looped-back queries. This
 * class checks the rest: multicast groups, unicast sources, link-local and SSM groups, limits.
 */
public final class IgmpInterfaceRouter {

    private static final Logger log = LoggerFactory.getLogger(IgmpInterfaceRouter.class);

    private final InterfaceContext ctx;
    private final GroupTable table;
    private final SpecificQueries queries;
    private final ReportProcessor reports;
    private final QuerierElection election;
    private boolean running;

    /**
     * Creates a stopped router.
     *
     * @param localAddress the interface's primary IPv4 address: the source of its queries and what
     *     querier election compares
     * @param config the configuration
     * @param timers the scheduler whose single thread runs this router
     * @param clock the clock of that scheduler (for the creation times of group records)
     * @param port where queries and group changes go
     * @param counters the interface's counters
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the local address is not an IPv4 unicast address
     */
    public IgmpInterfaceRouter(InetAddress localAddress, IgmpConfig config, ScheduledExecutorService timers,
                               Clock clock, IgmpRouterPort port, IgmpCounters counters) {
        Objects.requireNonNull(localAddress, "localAddress");
        if (!Ipv4.isUnicast(localAddress)) {
            throw new IllegalArgumentException("not an IPv4 unicast address: " + localAddress.getHostAddress());
        }
        this.ctx = new InterfaceContext(localAddress, Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(timers, "timers"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(port, "port"), Objects.requireNonNull(counters, "counters"));
        this.table = new GroupTable(ctx);
        this.queries = new SpecificQueries(ctx, table);
        this.reports = new ReportProcessor(ctx, table, queries);
        this.election = new QuerierElection(ctx, queries::cancelAll);
    }

    /**
     * Starts as querier (RFC 3376 §6.6.2): a General Query now, Startup Query Count of them
     * Startup Query Interval apart (§8.6, §8.7), then one every Query Interval while querier. Does
     * nothing if already started.
     */
    public void start() {
        if (running) {
            return;
        }
        running = true;
        election.start();
    }

    /**
     * Stops: cancels every timer, announces every joined group as gone (INCLUDE, no source) and
     * forgets all state. {@link #start()} begins afresh. Does nothing if not started.
     */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        election.stop();
        table.clear();
    }

    /**
     * Processes a received message. Ignored while stopped. Counts every reception
     * ({@link IgmpCounters.Message}) and every refusal ({@link IgmpCounters.Drop}).
     *
     * @param message the message, decoded and validated at packet level (see the class comment)
     * @param source its IP source address
     * @throws NullPointerException if an argument is null
     */
    public void receive(IgmpMessage message, InetAddress source) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        if (!running) {
            log.debug("{} from {} ignored: stopped", message, source.getHostAddress());
            return;
        }
        switch (message) {
            case MembershipQuery q -> query(q, source);
            case MembershipReportV1 r -> {
                ctx.counters.count(IgmpCounters.Message.REPORT_V1_RECEIVED);
                reports.olderReport(1, r.group(), source);
            }
            case MembershipReportV2 r -> {
                ctx.counters.count(IgmpCounters.Message.REPORT_V2_RECEIVED);
                reports.olderReport(2, r.group(), source);
            }
            case LeaveGroup l -> {
                ctx.counters.count(IgmpCounters.Message.LEAVE_RECEIVED);
                reports.leave(l.group());
            }
            case MembershipReportV3 r -> {
                ctx.counters.count(IgmpCounters.Message.REPORT_V3_RECEIVED);
                reports.report(r, source);
            }
        }
    }

    private void query(MembershipQuery q, InetAddress source) {
        // §7.3.1: older-version queriers are counted here; the glue warns the operator (rate-limited).
        ctx.counters.count(switch (q.version()) {
            case 1 -> IgmpCounters.Message.QUERY_V1_RECEIVED;
            case 2 -> IgmpCounters.Message.QUERY_V2_RECEIVED;
            default -> IgmpCounters.Message.QUERY_V3_RECEIVED;
        });
        if (!(source instanceof Inet4Address) || source.isAnyLocalAddress()) {
            // RFC 4541 §2.1.1: a proxy querier's 0.0.0.0 must not win the election.
            log.debug("Query {} from {} ignored", q, source.getHostAddress());
            return;
        }
        election.onQuery(q, source);
        // §6.6.1: only a clear S flag (§4.1.5) updates timers, only specific queries do, and only on a
        // non-querier (the querier updates its timers when it sends, §6.6.3). IGMPv1 has none.
        if (!ctx.isQuerier() && q.version() >= 2 && !q.isGeneral() && !q.suppressRouterProcessing()) {
            queries.received(q);
        }
    }

    /**
     * Applies a new configuration in place. New intervals take effect at each timer's next
     * occurrence (timers already armed run out as armed). A version change cancels pending
     * specific queries and re-announces groups whose compatibility version changed with it.
     *
     * @param config the new configuration
     * @throws NullPointerException if it is null
     */
    public void reconfigure(IgmpConfig config) {
        Objects.requireNonNull(config, "config");
        int oldVersion = ctx.config().version();
        ctx.config(config);
        election.reconfigured();
        if (oldVersion != config.version()) {
            log.debug("IGMP version {} -> {} on {}", oldVersion, config.version(), ctx.localAddress.getHostAddress());
            queries.cancelAll();
            table.settleAll();
        }
    }

    /**
     * The querier state, for operators.
     *
     * @return a snapshot
     */
    public QuerierView querier() {
        return election.view();
    }

    /**
     * What the port was last told of every group that is joined: the state a listener that
     * appears now must be fed so that the changes that follow make sense to it.
     *
     * @return the announced groups in group address order
     */
    public List<org.openmgm.spi.IgmpGroup> announcedGroups() {
        return table.announcedJoined();
    }

    /**
     * The group records, for operators.
     *
     * @return snapshots in group address order
     */
    public List<GroupView> groups() {
        return table.views();
    }
}
