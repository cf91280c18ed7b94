package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.codec.MembershipQuery;

/**
 * Group-specific and group-and-source-specific queries: the "Send Q(G)" and "Send Q(G,X)" actions
 * of the RFC 3376 §6.4.2 table (§6.6.3.1, §6.6.3.2) with their retransmissions, and the timer
 * updates that specific queries received from the querier cause (§6.6.1).
 *
 * <p>Retransmission state lives on the group: a count of group-specific queries still to send, a
 * count per source, and one retransmission timer for both, so that new queries for a group merge
 * with pending ones (RFC 9776 §6.4.2). A new action sends at once, carrying every source that has
 * retransmission state, and restarts the timer: every source is carried [Last Member Query Count]
 * times, [Last Member Query Interval] apart.
 */
final class SpecificQueries {

    /**
     * Most sources in one query: what fits a 1500-byte MTU after the IPv4 header with Router Alert
     * (24 bytes) and the 12-byte query header (RFC 3376 §4.1.8: "limited by the MTU").
     */
    static final int MAX_SOURCES_PER_QUERY = (1500 - 24 - 12) / 4;

    private final InterfaceContext ctx;
    private final GroupTable table;

    SpecificQueries(InterfaceContext ctx, GroupTable table) {
        this.ctx = ctx;
        this.table = table;
    }

    /**
     * Performs the "Send Q(G)" (when {@code groupQuery}) and "Send Q(G,X)" actions of one table row.
     *
     * <ul>
     *   <li>Fast leave: the outcome of a query nobody answers, now: the sources' timers and the
     *       group timer go to zero (§6.3, §6.5 then apply). Nothing is sent.
     *   <li>Non-querier: nothing. Only the querier queries (§6.6.3.2 "encountered by a querier"),
     *       and a non-querier lowers its timers when the querier's queries arrive (§6.6.1).
     *   <li>IGMPv1 router: nothing; IGMPv1 has no group-specific queries (RFC 1112).
     *   <li>IGMPv2 router: a group-specific query round (RFC 2236 §3); IGMPv2 has no
     *       group-and-source-specific queries, so the sources' timers are lowered to LMQT and the
     *       IGMPv2 query for the whole group asks for them (only left-over IGMPv3 state has sources).
     *   <li>IGMPv3: §6.6.3.1 and §6.6.3.2.
     * </ul>
     */
    void request(GroupState g, boolean groupQuery, Collection<InetAddress> sources, boolean fastLeave) {
        if (!groupQuery && sources.isEmpty()) {
            return;
        }
        if (fastLeave) {
            for (InetAddress a : sources) {
                SourceState s = g.source(a);
                if (s != null && s.running()) {
                    g.expireSource(s);
                }
            }
            if (groupQuery) {
                g.expireGroupTimer();
            }
            return;
        }
        int version = ctx.config().version();
        if (!ctx.isQuerier() || version == 1) {
            return;
        }
        Intervals iv = ctx.intervals();
        Duration lmqt = iv.lastMemberQueryTime();
        int lmqc = iv.lastMemberQueryCount();
        boolean due = false;
        if (groupQuery && g.mode() == FilterMode.EXCLUDE) {
            // §6.6.3.1: lower the group timer to LMQT, send now and [LMQC] - 1 more, LMQI apart.
            g.lowerGroupTimer(lmqt);
            g.groupQueriesLeft(lmqc);
            due = true;
        }
        for (InetAddress a : sources) {
            SourceState s = g.source(a);
            if (s != null && s.timerLeft().compareTo(lmqt) > 0) {
                // §6.6.3.2: for each source in X with a timer above LMQT: retransmissions = [LMQC], timer = LMQT.
                g.lowerSourceTimer(s, lmqt);
                if (version == 3) {
                    s.retransmissionsLeft = lmqc;
                } else {
                    g.groupQueriesLeft(lmqc);
                }
                due = true;
            }
        }
        if (due) {
            g.retransmitTimer(null);
            transmit(g);
        }
    }

    /**
     * RFC 3376 §6.6.1: a group-specific or group-and-source-specific query from the querier, S flag
     * clear, received by this router as a non-querier: Q(G) lowers the group timer to LMQT, Q(G,A)
     * the source timers of A. An IGMPv2 query lowers to [LMQC] × its Max Resp Time (RFC 2236 §3).
     * The caller checks the role, the S flag and that the query is specific.
     */
    void received(MembershipQuery q) {
        GroupState g = table.find(q.group());
        if (g == null) {
            return;
        }
        Intervals iv = ctx.intervals();
        Duration lmqt = q.version() == 2 && !q.maxResponseTime().isZero()
                ? q.maxResponseTime().multipliedBy(iv.lastMemberQueryCount()) : iv.lastMemberQueryTime();
        if (q.sources().isEmpty()) {
            g.lowerGroupTimer(lmqt);                          // Q(G): group timer lowered to LMQT
        } else {
            for (InetAddress a : q.sources()) {               // Q(G,A): source timers of A lowered to LMQT
                SourceState s = g.source(a);
                if (s != null) {
                    g.lowerSourceTimer(s, lmqt);
                }
            }
        }
    }

    /** Drops every pending specific query (this router stopped being querier, or changed version). */
    void cancelAll() {
        table.all().forEach(GroupState::cancelQueries);
    }

    private void retransmit(GroupState g) {
        if (g.isRemoved()) {
            return;
        }
        g.retransmitTimer(null);
        if (!ctx.isQuerier()) {
            g.cancelQueries();
            return;
        }
        transmit(g);
    }

    /** Sends what is due for a group now, then arms the next retransmission if any remains. */
    private void transmit(GroupState g) {
        int version = ctx.config().version();
        Intervals iv = ctx.intervals();
        Duration lmqt = iv.lastMemberQueryTime();
        boolean groupQuerySent = false;
        if (g.groupQueriesLeft() > 0) {
            g.groupQueriesLeft(g.groupQueriesLeft() - 1);
            // §6.6.3.1: "if the group timer is larger than LMQT, the S bit is set in the query".
            boolean suppress = g.groupTimerLeft().compareTo(lmqt) > 0;
            if (version == 2 && suppress) {
                // IGMPv2 has no S flag. A report has already answered: RFC 2236 §6 ("checking
                // membership" → "members present") stops the group-specific queries.
                g.groupQueriesLeft(0);
            } else {
                ctx.send(query(version, g.group(), suppress, List.of(), iv), g.group(),
                        IgmpCounters.Message.GROUP_QUERY_SENT);
                groupQuerySent = true;
            }
        }
        List<InetAddress> above = new ArrayList<>();
        List<InetAddress> atOrBelow = new ArrayList<>();
        boolean sourcesLeft = false;
        for (SourceState s : g.sources()) {
            if (s.retransmissionsLeft > 0) {
                s.retransmissionsLeft--;
                sourcesLeft |= s.retransmissionsLeft > 0;
                (s.timerLeft().compareTo(lmqt) > 0 ? above : atOrBelow).add(s.address);
            }
        }
        // §6.6.3.2: two messages, S set for the sources with timers above LMQT, S clear for the others;
        // an empty one is not sent. The note of §6.6.3.2 lets the S-set one be left out when a
        // group-specific query goes out at the same time: that query asks every member anyway.
        if (!groupQuerySent) {
            sendSources(g, above, true, version, iv);
        }
        sendSources(g, atOrBelow, false, version, iv);
        if (g.groupQueriesLeft() > 0 || sourcesLeft) {
            g.retransmitTimer(ctx.schedule(iv.lastMemberQueryInterval(), () -> retransmit(g)));
        }
    }

    private void sendSources(GroupState g, List<InetAddress> sources, boolean suppress, int version, Intervals iv) {
        for (int i = 0; i < sources.size(); i += MAX_SOURCES_PER_QUERY) {
            List<InetAddress> part = sources.subList(i, Math.min(sources.size(), i + MAX_SOURCES_PER_QUERY));
            ctx.send(query(version, g.group(), suppress, part, iv), g.group(),
                    IgmpCounters.Message.GROUP_SOURCE_QUERY_SENT);
        }
    }

    /**
     * A specific query: Max Resp Code from LMQI (§8.8), sent to the group (§4.1.12); an IGMPv3
     * query carries QRV and QQIC (§4.1.6, §4.1.7), an IGMPv2 query only the 8-byte fields.
     */
    private static MembershipQuery query(int version, InetAddress group, boolean suppress, List<InetAddress> sources,
                                         Intervals iv) {
        return version == 3
                ? new MembershipQuery(3, group, iv.lastMemberQueryInterval(), suppress, iv.robustness(),
                        iv.queryInterval(), sources)
                : new MembershipQuery(2, group, iv.lastMemberQueryInterval(), false, 0, Duration.ZERO, List.of());
    }
}
