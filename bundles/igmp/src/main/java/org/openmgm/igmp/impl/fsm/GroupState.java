package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.openmgm.api.FilterMode;
import org.openmgm.spi.IgmpGroup;

/**
 * The router state of one group on the interface (RFC 3376 §6.2.1): filter mode, group timer and
 * source records, plus the older-host timers of §7.3.2 and the retransmission state of the
 * specific queries of §6.6.3. It owns all of those timers; when one of them expires it applies
 * the RFC's rule (§6.3 for a source timer, §6.5 for the group timer, §7.3.2 for a host-present
 * timer) and hands itself to its {@link GroupTable} to announce and, when nothing is left, forget it.
 *
 * <p>Vocabulary of §6.2.1: in INCLUDE mode every source record has a running timer (the Include
 * List). In EXCLUDE mode the records with a running timer are the Requested List X and those with
 * a zero timer the Exclude List Y.
 */
final class GroupState {

    private final InetAddress group;
    private final InterfaceContext ctx;
    private final Consumer<GroupState> settle;
    /** When the record was created (ms since the epoch, the context's clock). */
    private final long sinceMillis;
    private final TreeMap<InetAddress, SourceState> sources = new TreeMap<>(Ipv4.ORDER);
    private FilterMode mode = FilterMode.INCLUDE;

    /** RFC 3376 §6.2.1 group timer. Runs only in EXCLUDE mode; its expiry switches modes (§6.5). */
    private final LazyTimer groupTimer;
    /** RFC 3376 §7.3.2 IGMPv1 Host Present timer, Older Host Present Interval (§8.13) after a v1 report. */
    private LazyTimer v1HostPresentTimer;              // created with the first v1 report: most groups never see one
    /** RFC 3376 §7.3.2 IGMPv2 Host Present timer, Older Host Present Interval (§8.13) after a v2 report. */
    private LazyTimer v2HostPresentTimer;
    /** RFC 3376 §6.6.3: the next retransmission of this group's specific queries, LMQI after the last one. */
    private ScheduledFuture<?> retransmitTimer;
    /** RFC 3376 §6.6.3.1: how many more group-specific queries to send. */
    private int groupQueriesLeft;

    private InetAddress lastReporter;
    private IgmpGroup published;
    private boolean removed;

    GroupState(InetAddress group, InterfaceContext ctx, Consumer<GroupState> settle) {
        this.group = group;
        this.ctx = ctx;
        this.settle = settle;
        this.sinceMillis = ctx.clock.millis();
        this.groupTimer = new LazyTimer(ctx, this::groupTimerFired);
    }

    InetAddress group() {
        return group;
    }

    FilterMode mode() {
        return mode;
    }

    /** Switches the router filter mode to EXCLUDE (the §6.4 rows that go from INCLUDE to EXCLUDE). */
    void toExclude() {
        mode = FilterMode.EXCLUDE;
    }

    /** A group in INCLUDE mode without sources holds nothing and is deleted (§6.3, §6.5). */
    boolean isEmpty() {
        return mode == FilterMode.INCLUDE && sources.isEmpty();
    }

    boolean isRemoved() {
        return removed;
    }

    // ---- sources (§6.2.1, §6.3) ----

    SourceState source(InetAddress address) {
        return sources.get(address);
    }

    Collection<SourceState> sources() {
        return sources.values();
    }

    int sourceCount() {
        return sources.size();
    }

    /** Every source record's address (INCLUDE: A; EXCLUDE: X + Y), a copy. */
    Set<InetAddress> sourceAddresses() {
        return new LinkedHashSet<>(sources.keySet());
    }

    /** Sources with a running timer: the Include List, or in EXCLUDE mode the Requested List X. */
    Set<InetAddress> requested() {
        Set<InetAddress> x = new LinkedHashSet<>();
        for (SourceState s : sources.values()) {
            if (s.running()) {
                x.add(s.address);
            }
        }
        return x;
    }

    /** Sources whose timer is zero: in EXCLUDE mode the Exclude List Y (empty in INCLUDE mode). */
    Set<InetAddress> excluded() {
        Set<InetAddress> y = new LinkedHashSet<>();
        for (SourceState s : sources.values()) {
            if (!s.running()) {
                y.add(s.address);
            }
        }
        return y;
    }

    /**
     * Sets a source timer, creating the source record if needed. A zero value puts the source on
     * the Exclude List in EXCLUDE mode and deletes it in INCLUDE mode (§6.3).
     */
    void setSourceTimer(InetAddress address, Duration value) {
        SourceState s = sources.computeIfAbsent(address, a -> new SourceState(a, ctx, this::sourceTimerExpired));
        if (value.isZero() || value.isNegative()) {
            s.cancelTimer();
            zero(s);
        } else {
            s.timer.set(value);
        }
    }

    /** Lowers a source timer to {@code value} if it is higher (§6.6.1, §6.6.3.2). */
    void lowerSourceTimer(SourceState s, Duration value) {
        if (s.timerLeft().compareTo(value) > 0) {
            setSourceTimer(s.address, value);
        }
    }

    /** Deletes a source record. */
    void removeSource(InetAddress address) {
        SourceState s = sources.remove(address);
        if (s != null) {
            s.cancelTimer();
        }
    }

    /** Brings a source timer to zero now (fast leave): the source is blocked or deleted per §6.3. */
    void expireSource(SourceState s) {
        s.cancelTimer();
        zero(s);
    }

    private void zero(SourceState s) {
        s.cancelTimer();
        s.retransmissionsLeft = 0;
        if (mode == FilterMode.INCLUDE) {
            sources.remove(s.address);    // §6.3: INCLUDE mode, timer zero → stop forwarding, delete the record
        }
        // §6.3: EXCLUDE mode, timer zero → the record stays, on the Exclude List; not forwarded.
    }

    /** RFC 3376 §6.3: a source timer expired. */
    private void sourceTimerExpired(SourceState s) {
        if (removed || sources.get(s.address) != s) {
            return;
        }
        zero(s);
        expireGroupTimerIfDue();
        settle.accept(this);
    }

    // ---- group timer (§6.2.1, §6.5) ----

    Duration groupTimerLeft() {
        return groupTimer.left();
    }

    void setGroupTimer(Duration value) {
        groupTimer.set(value);
    }

    /** Lowers a running group timer to {@code value} if it is higher (§6.6.1, §6.6.3.1). */
    void lowerGroupTimer(Duration value) {
        if (groupTimer.running() && groupTimerLeft().compareTo(value) > 0) {
            setGroupTimer(value);
        }
    }

    /**
     * RFC 3376 §6.5: the group timer reached zero. In EXCLUDE mode the router switches to INCLUDE
     * with the sources whose timers run; those at zero (the Exclude List) are deleted. With no
     * source left the group is then empty and its table deletes it. Also used by fast leave.
     */
    void expireGroupTimer() {
        groupTimer.stop();
        groupQueriesLeft = 0;
        if (mode == FilterMode.EXCLUDE) {
            List<InetAddress> zero = new ArrayList<>(excluded());
            zero.forEach(this::removeSource);
            mode = FilterMode.INCLUDE;
        }
    }

    /**
     * Timers that end at the same instant run one after the other; when the group timer is among
     * them, §6.5 is applied at once so that one step, not several, is announced.
     */
    private void expireGroupTimerIfDue() {
        if (groupTimer.running() && groupTimerLeft().isZero()) {
            expireGroupTimer();
        }
    }

    private void groupTimerFired() {
        if (removed) {
            return;
        }
        expireGroupTimer();
        settle.accept(this);
    }

    // ---- older hosts (§7.3.2) ----

    private static Duration left(LazyTimer timer) {
        return timer == null ? Duration.ZERO : timer.left();
    }

    /** RFC 3376 §7.3.2: a v1 or v2 report sets that version's Host Present timer. */
    void olderHostPresent(int version, Duration interval) {
        if (version == 1) {
            if (v1HostPresentTimer == null) {
                v1HostPresentTimer = new LazyTimer(ctx, () -> hostPresentExpired(1));
            }
            v1HostPresentTimer.set(interval);
        } else {
            if (v2HostPresentTimer == null) {
                v2HostPresentTimer = new LazyTimer(ctx, () -> hostPresentExpired(2));
            }
            v2HostPresentTimer.set(interval);
        }
    }

    private void hostPresentExpired(int version) {
        if (removed) {
            return;
        }
        expireGroupTimerIfDue();    // set by the same report, it usually ends at the same instant
        settle.accept(this);        // the compatibility mode may have changed (§7.3.2)
    }

    /** RFC 3376 §7.3.2 Group Compatibility Mode from the host-present timers alone: 1, 2 or 3. */
    int hostCompatibility() {
        if (!left(v1HostPresentTimer).isZero()) {
            return 1;
        }
        return left(v2HostPresentTimer).isZero() ? 3 : 2;
    }

    // ---- specific-query retransmission state (§6.6.3), driven by SpecificQueries ----

    int groupQueriesLeft() {
        return groupQueriesLeft;
    }

    void groupQueriesLeft(int count) {
        groupQueriesLeft = count;
    }

    boolean retransmissionPending() {
        return retransmitTimer != null;
    }

    void retransmitTimer(ScheduledFuture<?> timer) {
        InterfaceContext.cancel(retransmitTimer);
        retransmitTimer = timer;
    }

    /** Forgets every pending group and group-and-source specific query. */
    void cancelQueries() {
        retransmitTimer(null);
        groupQueriesLeft = 0;
        sources.values().forEach(s -> s.retransmissionsLeft = 0);
    }

    // ---- announcement and views ----

    void reportedBy(InetAddress reporter) {
        lastReporter = reporter;
    }

    /** What the port is told (§6.3): INCLUDE with the forwarded sources, or EXCLUDE with the blocked ones. */
    IgmpGroup snapshot(int routerVersion) {
        int compatibility = Math.min(routerVersion, hostCompatibility());
        return mode == FilterMode.INCLUDE
                ? new IgmpGroup(group, FilterMode.INCLUDE, requested(), compatibility)
                : new IgmpGroup(group, FilterMode.EXCLUDE, excluded(), compatibility);
    }

    IgmpGroup published() {
        return published;
    }

    void published(IgmpGroup value) {
        published = value;
    }

    /** Cancels every timer of the group and its sources; the group is dead afterwards. */
    void cancelAll() {
        removed = true;
        groupTimer.stop();
        if (v1HostPresentTimer != null) {
            v1HostPresentTimer.stop();
        }
        if (v2HostPresentTimer != null) {
            v2HostPresentTimer.stop();
        }
        InterfaceContext.cancel(retransmitTimer);
        retransmitTimer = null;
        sources.values().forEach(SourceState::cancelTimer);
    }

    GroupView view(int routerVersion) {
        List<GroupView.SourceView> list = new ArrayList<>();
        sources.values().forEach(s -> list.add(new GroupView.SourceView(s.address, s.timerLeft())));
        return new GroupView(group, mode, groupTimerLeft(), Math.min(routerVersion, hostCompatibility()),
                left(v1HostPresentTimer), left(v2HostPresentTimer), list,
                lastReporter, Instant.ofEpochMilli(sinceMillis));
    }
}
