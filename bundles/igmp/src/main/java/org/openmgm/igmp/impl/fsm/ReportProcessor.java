package org.openmgm.igmp.impl.fsm;

import static org.openmgm.igmp.impl.codec.RecordType.BLOCK_OLD_SOURCES;
import static org.openmgm.igmp.impl.codec.RecordType.CHANGE_TO_EXCLUDE_MODE;
import static org.openmgm.igmp.impl.codec.RecordType.CHANGE_TO_INCLUDE_MODE;
import static org.openmgm.igmp.impl.codec.RecordType.MODE_IS_EXCLUDE;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.openmgm.api.FilterMode;
import org.openmgm.igmp.impl.codec.GroupRecord;
import org.openmgm.igmp.impl.codec.MembershipReportV3;
import org.openmgm.igmp.impl.codec.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports and leaves: admission (group address, link-local groups, the SSM range of RFC 4604
 * §2.2.1, the group and source limits), the older-version translations of RFC 3376 §7.3.2, and the
 * state tables of §6.4.1 (current-state records) and §6.4.2 (state-change records).
 *
 * <p>Notation of the tables: A, B are source sets; X is the Requested List and Y the Exclude List
 * of a group in EXCLUDE mode; "+" union, "*" intersection, "-" difference; GMI the Group Membership
 * Interval; "Send Q(G,S)" a group-and-source-specific and "Send Q(G)" a group-specific query, see
 * {@link SpecificQueries}.
 */
final class ReportProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReportProcessor.class);

    private final InterfaceContext ctx;
    private final GroupTable table;
    private final SpecificQueries queries;

    ReportProcessor(InterfaceContext ctx, GroupTable table, SpecificQueries queries) {
        this.ctx = ctx;
        this.table = table;
        this.queries = queries;
    }

    /** An IGMPv1 or IGMPv2 report: sets that version's Host Present timer, then IS_EX({}) (§7.3.2). */
    void olderReport(int version, InetAddress group, InetAddress reporter) {
        if (!admissible(group, true)) {
            return;
        }
        GroupState g = table.findOrCreate(group);
        if (g == null) {
            return;
        }
        g.reportedBy(reporter);
        g.olderHostPresent(version, ctx.intervals().olderHostPresentInterval());
        apply(g, Compatibility.REPORT, Set.of());
        table.settle(g);
    }

    /** An IGMPv2 leave: TO_IN({}) (§7.3.2), ignored by an IGMPv1 router and in IGMPv1 compatibility mode. */
    void leave(InetAddress group) {
        if (ctx.config().version() == 1) {
            // RFC 3376 §7.3.1: in IGMPv1 mode routers MUST ignore leaves; type 0x17 is unknown to IGMPv1.
            ctx.counters.drop(IgmpCounters.Drop.UNKNOWN_TYPE);
            return;
        }
        if (!admissible(group, true)) {
            return;
        }
        GroupState g = table.find(group);
        if (g == null) {
            return;    // INCLUDE({}) TO_IN({}): nothing to leave
        }
        if (Compatibility.ignoresLeave(Compatibility.mode(g, ctx.config().version()))) {
            log.debug("Leave for {} ignored: IGMPv1 hosts present (RFC 3376 §7.3.2)", group.getHostAddress());
            return;
        }
        apply(g, Compatibility.LEAVE, Set.of());
        table.settle(g);
    }

    /** An IGMPv3 report: each group record on its own; an IGMPv1/v2 router does not process them. */
    void report(MembershipReportV3 report, InetAddress reporter) {
        if (ctx.config().version() < 3) {
            // A router configured for IGMPv1/v2 acts as one (RFC 3376 §7.3.1): type 0x22 is unknown to it
            // (RFC 2236 §2.1). Hosts hear its older queries and fall back to v1/v2 reports (§7.2.1).
            ctx.counters.drop(IgmpCounters.Drop.UNKNOWN_TYPE);
            return;
        }
        for (GroupRecord r : report.records()) {
            record(r, reporter);
        }
    }

    private void record(GroupRecord received, InetAddress reporter) {
        RecordType type = received.type();
        if (!admissible(received.group(), type == MODE_IS_EXCLUDE || type == CHANGE_TO_EXCLUDE_MODE)) {
            return;
        }
        for (InetAddress s : received.sources()) {
            if (!Ipv4.isUnicast(s)) {
                ctx.counters.drop(IgmpCounters.Drop.BAD_FIELD);
                log.debug("Record {} dropped: {} is not a unicast source", received, s);
                return;
            }
        }
        GroupState g = table.find(received.group());
        GroupRecord r = Compatibility.translate(received, Compatibility.mode(g, ctx.config().version()));
        if (r == null) {
            log.debug("Record {} ignored: older hosts present (RFC 3376 §7.3.2)", received);
            return;
        }
        Set<InetAddress> b = new LinkedHashSet<>(r.sources());
        if (g == null) {
            if (!createsState(r.type(), b)) {
                return;    // on INCLUDE({}) it changes nothing: no record is created
            }
            g = table.findOrCreate(r.group());
            if (g == null) {
                return;
            }
        }
        if (exceedsSourceLimit(g, r.type(), b)) {
            ctx.counters.drop(IgmpCounters.Drop.SOURCE_LIMIT);
            log.debug("Record {} refused: more than {} sources", r, ctx.config().maxSourcesPerGroup());
            table.settle(g);    // forgets a group created for it
            return;
        }
        if (r.type() != BLOCK_OLD_SOURCES && (!b.isEmpty() || r.type() == MODE_IS_EXCLUDE
                || r.type() == CHANGE_TO_EXCLUDE_MODE)) {
            g.reportedBy(reporter);
        }
        apply(g, r.type(), b);
        table.settle(g);
    }

    /**
     * The group-level checks: an IPv4 multicast group (else BAD_FIELD), not link-local (224.0.0.0/24
     * is never routed, RFC 2236 §6), and no any-source request in the SSM range (RFC 4604 §2.2.1:
     * IGMPv1/v2 reports and leaves, IS_EX and TO_EX records are ignored there).
     */
    private boolean admissible(InetAddress group, boolean anySource) {
        if (!Ipv4.isMulticast(group)) {
            ctx.counters.drop(IgmpCounters.Drop.BAD_FIELD);
            return false;
        }
        if (Ipv4.isLinkLocalGroup(group)) {
            ctx.counters.drop(IgmpCounters.Drop.LINK_LOCAL_GROUP);
            return false;
        }
        if (anySource && ctx.config().ssmRange().contains(group)) {
            ctx.counters.drop(IgmpCounters.Drop.SSM_ASM_REQUEST);
            log.debug("Any-source request for SSM group {} ignored (RFC 4604 §2.2.1)", group.getHostAddress());
            return false;
        }
        return true;
    }

    /** Whether a record leaves state behind on a group in INCLUDE({}), the state of an absent group. */
    private static boolean createsState(RecordType type, Set<InetAddress> b) {
        return switch (type) {
            case MODE_IS_EXCLUDE, CHANGE_TO_EXCLUDE_MODE -> true;
            case MODE_IS_INCLUDE, ALLOW_NEW_SOURCES, CHANGE_TO_INCLUDE_MODE -> !b.isEmpty();
            case BLOCK_OLD_SOURCES -> false;
        };
    }

    /**
     * Whether the record would leave the group with more than {@code maxSourcesPerGroup} source
     * records (and more than it has). The count after each row of §6.4: an EXCLUDE-type record
     * leaves exactly B (A*B + B-A, or A-Y + Y*A); BLOCK in INCLUDE mode leaves A; every other row the
     * union of the old sources and B. A refused record changes nothing at all.
     */
    private boolean exceedsSourceLimit(GroupState g, RecordType type, Set<InetAddress> b) {
        int now = g.sourceCount();
        int after;
        if (type == MODE_IS_EXCLUDE || type == CHANGE_TO_EXCLUDE_MODE) {
            after = b.size();
        } else if (type == BLOCK_OLD_SOURCES && g.mode() == FilterMode.INCLUDE) {
            after = now;
        } else {
            after = now + (int) b.stream().filter(s -> g.source(s) == null).count();
        }
        return after > now && after > ctx.config().maxSourcesPerGroup();
    }

    /** The state tables of RFC 3376 §6.4.1 and §6.4.2, row by row. */
    private void apply(GroupState g, RecordType type, Set<InetAddress> b) {
        Duration gmi = ctx.intervals().groupMembershipInterval();
        // Fast leave replaces the queries of the records by which a host gives something up.
        boolean fast = ctx.config().fastLeave() && (type == BLOCK_OLD_SOURCES || type == CHANGE_TO_INCLUDE_MODE);
        if (g.mode() == FilterMode.INCLUDE) {
            Set<InetAddress> a = g.sourceAddresses();
            switch (type) {
                // §6.4.1 INCLUDE (A)  IS_IN (B)  -> INCLUDE (A+B)       (B)=GMI
                // §6.4.2 INCLUDE (A)  ALLOW (B)  -> INCLUDE (A+B)       (B)=GMI
                case MODE_IS_INCLUDE, ALLOW_NEW_SOURCES -> setTimers(g, b, gmi);
                // §6.4.1 INCLUDE (A)  IS_EX (B)  -> EXCLUDE (A*B, B-A)  (B-A)=0, Delete (A-B), Group Timer=GMI
                case MODE_IS_EXCLUDE -> {
                    includeToExclude(g, a, b);
                    g.setGroupTimer(gmi);
                }
                // §6.4.2 INCLUDE (A)  BLOCK (B)  -> INCLUDE (A)         Send Q(G,A*B)
                case BLOCK_OLD_SOURCES -> queries.request(g, false, and(a, b), fast);
                // §6.4.2 INCLUDE (A)  TO_EX (B)  -> EXCLUDE (A*B, B-A)  (B-A)=0, Delete (A-B), Send Q(G,A*B),
                //                                                       Group Timer=GMI
                case CHANGE_TO_EXCLUDE_MODE -> {
                    includeToExclude(g, a, b);
                    queries.request(g, false, and(a, b), false);
                    g.setGroupTimer(gmi);
                }
                // §6.4.2 INCLUDE (A)  TO_IN (B)  -> INCLUDE (A+B)       (B)=GMI, Send Q(G,A-B)
                case CHANGE_TO_INCLUDE_MODE -> {
                    setTimers(g, b, gmi);
                    queries.request(g, false, minus(a, b), fast);
                }
            }
        } else {
            Set<InetAddress> x = g.requested();
            Set<InetAddress> y = g.excluded();
            switch (type) {
                // §6.4.1 EXCLUDE (X,Y)  IS_IN (A)  -> EXCLUDE (X+A, Y-A)  (A)=GMI
                // §6.4.2 EXCLUDE (X,Y)  ALLOW (A)  -> EXCLUDE (X+A, Y-A)  (A)=GMI
                case MODE_IS_INCLUDE, ALLOW_NEW_SOURCES -> setTimers(g, b, gmi);
                // §6.4.1 EXCLUDE (X,Y)  IS_EX (A)  -> EXCLUDE (A-Y, Y*A)  (A-X-Y)=GMI, Delete (X-A),
                //                                                         Delete (Y-A), Group Timer=GMI
                case MODE_IS_EXCLUDE -> {
                    setTimers(g, minus(minus(b, x), y), gmi);
                    deleteAll(g, minus(x, b));
                    deleteAll(g, minus(y, b));
                    g.setGroupTimer(gmi);
                }
                // §6.4.2 EXCLUDE (X,Y)  BLOCK (A)  -> EXCLUDE (X+(A-Y), Y)  (A-X-Y)=Group Timer, Send Q(G,A-Y)
                case BLOCK_OLD_SOURCES -> {
                    setTimers(g, minus(minus(b, x), y), g.groupTimerLeft());
                    queries.request(g, false, minus(b, y), fast);
                }
                // §6.4.2 EXCLUDE (X,Y)  TO_EX (A)  -> EXCLUDE (A-Y, Y*A)  (A-X-Y)=Group Timer, Delete (X-A),
                //                                     Delete (Y-A), Send Q(G,A-Y), Group Timer=GMI
                case CHANGE_TO_EXCLUDE_MODE -> {
                    setTimers(g, minus(minus(b, x), y), g.groupTimerLeft());
                    deleteAll(g, minus(x, b));
                    deleteAll(g, minus(y, b));
                    queries.request(g, false, minus(b, y), false);
                    g.setGroupTimer(gmi);
                }
                // §6.4.2 EXCLUDE (X,Y)  TO_IN (A)  -> EXCLUDE (X+A, Y-A)  (A)=GMI, Send Q(G,X-A), Send Q(G)
                case CHANGE_TO_INCLUDE_MODE -> {
                    setTimers(g, b, gmi);
                    queries.request(g, true, minus(x, b), fast);
                }
            }
        }
    }

    /** INCLUDE (A) to EXCLUDE (A*B, B-A): (B-A)=0 (the Exclude List), Delete (A-B); A*B keep their timers. */
    private static void includeToExclude(GroupState g, Set<InetAddress> a, Set<InetAddress> b) {
        g.toExclude();
        deleteAll(g, minus(a, b));
        minus(b, a).forEach(s -> g.setSourceTimer(s, Duration.ZERO));
    }

    private static void setTimers(GroupState g, Set<InetAddress> sources, Duration value) {
        sources.forEach(s -> g.setSourceTimer(s, value));
    }

    private static void deleteAll(GroupState g, Set<InetAddress> sources) {
        sources.forEach(g::removeSource);
    }

    private static Set<InetAddress> and(Set<InetAddress> p, Set<InetAddress> q) {
        Set<InetAddress> r = new LinkedHashSet<>(p);
        r.retainAll(q);
        return r;
    }

    private static Set<InetAddress> minus(Set<InetAddress> p, Set<InetAddress> q) {
        Set<InetAddress> r = new LinkedHashSet<>(p);
        r.removeAll(q);
        return r;
    }
}
