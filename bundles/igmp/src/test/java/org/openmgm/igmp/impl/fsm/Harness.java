package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openmgm.api.FilterMode;
import org.openmgm.api.Prefix;
import org.openmgm.igmp.impl.codec.GroupRecord;
import org.openmgm.igmp.impl.codec.LeaveGroup;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.igmp.impl.codec.MembershipReportV1;
import org.openmgm.igmp.impl.codec.MembershipReportV2;
import org.openmgm.igmp.impl.codec.MembershipReportV3;
import org.openmgm.igmp.impl.codec.RecordType;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.testing.ManualScheduler;

/**
 * One router on a ManualScheduler with a recording port, and the vocabulary of the tests: report
 * and query helpers, addresses, durations and assertions on views, queries and announcements.
 */
final class Harness {

    static final InetAddress LOCAL = ip("10.0.0.5");
    static final InetAddress LOWER = ip("10.0.0.1");
    static final InetAddress HIGHER = ip("10.0.0.9");
    static final InetAddress HOST = ip("10.0.0.100");
    static final InetAddress G = ip("239.1.1.1");
    static final InetAddress G2 = ip("239.2.2.2");
    static final InetAddress SSM = ip("232.1.1.1");
    static final InetAddress ALL_SYSTEMS = ip("224.0.0.1");
    static final InetAddress ANY = ip("0.0.0.0");

    /** Defaults of RFC 3376 §8: GMI 260 s, LMQT 2 s, LMQI 1 s, OQPI 255 s, SQI 31.25 s. */
    static final Duration GMI = Duration.ofSeconds(260);
    static final Duration LMQT = Duration.ofSeconds(2);
    static final Duration LMQI = Duration.ofSeconds(1);
    static final Duration OQPI = Duration.ofSeconds(255);
    static final Duration QI = Duration.ofSeconds(125);
    static final Duration SQI = Duration.ofMillis(31_250);

    final ManualScheduler scheduler = new ManualScheduler();
    final Recorder port = new Recorder();
    final IgmpCounters counters = new IgmpCounters();
    final IgmpInterfaceRouter router;

    Harness(IgmpConfig config) {
        router = new IgmpInterfaceRouter(LOCAL, config, scheduler, scheduler.clock(), port, counters);
    }

    /** A started querier with its first startup query already sent and forgotten. */
    static Harness querier(IgmpConfig config) {
        Harness h = new Harness(config);
        h.router.start();
        h.port.clear();
        return h;
    }

    static Harness querier() {
        return querier(IgmpConfig.DEFAULTS);
    }

    /** A started router that a query from a lower address made non-querier. */
    static Harness nonQuerier(IgmpConfig config) {
        Harness h = querier(config);
        h.query(general(3), LOWER);
        h.port.clear();
        return h;
    }

    static Harness nonQuerier() {
        return nonQuerier(IgmpConfig.DEFAULTS);
    }

    // ---- addresses and durations ----

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Source 10.1.1.n. */
    static InetAddress s(int n) {
        return ip("10.1.1." + n);
    }

    static Duration sec(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    // ---- input ----

    void advance(double seconds) {
        scheduler.advance(sec(seconds));
    }

    Duration now() {
        return scheduler.elapsed();
    }

    void record(RecordType type, InetAddress group, InetAddress... sources) {
        router.receive(new MembershipReportV3(List.of(new GroupRecord(type, group, List.of(sources)))), HOST);
    }

    void isIn(InetAddress group, InetAddress... sources) {
        record(RecordType.MODE_IS_INCLUDE, group, sources);
    }

    void isEx(InetAddress group, InetAddress... sources) {
        record(RecordType.MODE_IS_EXCLUDE, group, sources);
    }

    void allow(InetAddress group, InetAddress... sources) {
        record(RecordType.ALLOW_NEW_SOURCES, group, sources);
    }

    void block(InetAddress group, InetAddress... sources) {
        record(RecordType.BLOCK_OLD_SOURCES, group, sources);
    }

    void toIn(InetAddress group, InetAddress... sources) {
        record(RecordType.CHANGE_TO_INCLUDE_MODE, group, sources);
    }

    void toEx(InetAddress group, InetAddress... sources) {
        record(RecordType.CHANGE_TO_EXCLUDE_MODE, group, sources);
    }

    void v1(InetAddress group) {
        router.receive(new MembershipReportV1(group), HOST);
    }

    void v2(InetAddress group) {
        router.receive(new MembershipReportV2(group), HOST);
    }

    void leave(InetAddress group) {
        router.receive(new LeaveGroup(group), HOST);
    }

    void query(MembershipQuery q, InetAddress from) {
        router.receive(q, from);
    }

    static MembershipQuery general(int version) {
        return MembershipQuery.general(version, Duration.ofSeconds(10), version == 3 ? 2 : 0, QI);
    }

    static MembershipQuery v3Query(InetAddress group, boolean s, int qrv, Duration qqi, InetAddress... sources) {
        return new MembershipQuery(3, group, LMQI, s, qrv, qqi, List.of(sources));
    }

    // ---- state ----

    GroupView group(InetAddress g) {
        return router.groups().stream().filter(v -> v.group().equals(g)).findFirst().orElse(null);
    }

    /** Source → time left, in address order. */
    Map<InetAddress, Duration> timers(InetAddress g) {
        Map<InetAddress, Duration> m = new LinkedHashMap<>();
        GroupView v = group(g);
        if (v != null) {
            v.sources().forEach(s -> m.put(s.source(), s.timerLeft()));
        }
        return m;
    }

    Duration timer(InetAddress g, InetAddress source) {
        return group(g).source(source).orElseThrow(() -> new AssertionError("no source " + source)).timerLeft();
    }

    /** Asserts mode, requested sources (timer > 0) and excluded ones (timer 0). */
    void assertState(InetAddress g, FilterMode mode, Set<InetAddress> requested, Set<InetAddress> excluded) {
        GroupView v = group(g);
        assertTrue(v != null, "no group " + g.getHostAddress());
        assertEquals(mode, v.mode(), "mode");
        Set<InetAddress> req = new java.util.HashSet<>();
        Set<InetAddress> exc = new java.util.HashSet<>();
        v.sources().forEach(s -> (s.forwarded() ? req : exc).add(s.source()));
        assertEquals(requested, req, "sources with running timers");
        assertEquals(excluded, exc, "sources at zero (Exclude List)");
    }

    void assertNoGroup(InetAddress g) {
        assertEquals(null, group(g), "group " + g.getHostAddress() + " should not exist");
    }

    static IgmpGroup include(InetAddress g, int version, InetAddress... sources) {
        return new IgmpGroup(g, FilterMode.INCLUDE, Set.of(sources), version);
    }

    static IgmpGroup exclude(InetAddress g, int version, InetAddress... sources) {
        return new IgmpGroup(g, FilterMode.EXCLUDE, Set.of(sources), version);
    }

    static IgmpGroup gone(InetAddress g, int version) {
        return new IgmpGroup(g, FilterMode.INCLUDE, Set.of(), version);
    }

    static Prefix prefix(String text) {
        return Prefix.parse(text);
    }

    // ---- the recording port ----

    /** A sent query with the fake time it was sent at. */
    record Sent(Duration at, MembershipQuery query, InetAddress destination) {

        boolean general() {
            return query.isGeneral();
        }

        Set<InetAddress> sources() {
            return Set.copyOf(query.sources());
        }
    }

    /** Records what the router does to the outside. */
    final class Recorder implements IgmpRouterPort {
        final List<Sent> queries = new ArrayList<>();
        final List<IgmpGroup> changes = new ArrayList<>();

        @Override
        public void sendQuery(MembershipQuery query, InetAddress destination) {
            queries.add(new Sent(scheduler.elapsed(), query, destination));
        }

        @Override
        public void groupChanged(IgmpGroup group) {
            changes.add(group);
        }

        void clear() {
            queries.clear();
            changes.clear();
        }

        List<Sent> specific() {
            return queries.stream().filter(q -> !q.general()).toList();
        }

        List<Sent> generals() {
            return queries.stream().filter(Sent::general).toList();
        }

        /** Takes the recorded announcements, leaving none. */
        List<IgmpGroup> takeChanges() {
            List<IgmpGroup> copy = List.copyOf(changes);
            changes.clear();
            return copy;
        }

        /** Takes the recorded queries, leaving none. */
        List<Sent> takeQueries() {
            List<Sent> copy = List.copyOf(queries);
            queries.clear();
            return copy;
        }
    }

    static Set<InetAddress> set(InetAddress... a) {
        return Set.copyOf(Arrays.asList(a));
    }
}
