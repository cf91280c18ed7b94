package org.openmgm.shell.impl.web;

import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmgm.api.IgmpGroupStatus;
import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.Mfe;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.MfeStatistics;
import org.openmgm.shell.impl.CommandException;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.RouterView;

/**
 * The router's state shaped like the standard MIB tables, with their column names, so that a
 * monitoring system can map them directly: IPMCAST-MIB (RFC 5132) {@code ipMcastRouteTable} and
 * {@code ipMcastRouteNextHopTable}, MGMD-STD-MIB (RFC 5519) {@code mgmdRouterInterfaceTable}, {@code
 * mgmdRouterCacheTable} and {@code mgmdRouterSrcListTable}.
 *
 * <p>Conventions: InetAddressType is {@code ipv4(1)}/{@code ipv6(2)}; TimeTicks are hundredths of a
 * second; TimeStamps are {@code sysUpTime} (here: hundredths of a second since the router's JVM
 * started, given as {@code sysUpTime} in every answer) when the row was created; enumerations are
 * their numbers. Columns OpenMGM cannot know are left out rather than guessed: octet counts per
 * outgoing interface and for wrong-interface packets, {@code ipMcastRouteBps}, the closest member
 * hops, and the MGMD columns the IGMP service does not report (query response time, startup and
 * last-member settings, querier uptime, wrong-version queries, joins).
 */
public final class MibTables {

    /** The tables by name. */
    public static final List<String> TABLES = List.of("ipMcastRouteTable", "ipMcastRouteNextHopTable",
            "mgmdRouterInterfaceTable", "mgmdRouterCacheTable", "mgmdRouterSrcListTable");

    private static final int IANA_MROUTE_OTHER = 1;
    private static final int IANA_MROUTE_IGMP_ONLY = 10;

    private final RouterView view;

    /**
     * Creates the tables' view.
     *
     * @param view the router
     */
    public MibTables(RouterView view) {
        this.view = view;
    }

    /**
     * Builds one table.
     *
     * @param name one of {@link #TABLES}
     * @return {@code {"table": name, "sysUpTime": ..., "rows": [...]}}
     * @throws CommandException {@link ExitCode#UNKNOWN_COMMAND} for another name
     */
    public Map<String, Object> table(String name) {
        long now = view.clock().millis();
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        List<Map<String, Object>> rows = switch (name) {
            case "ipMcastRouteTable" -> routes(now, started);
            case "ipMcastRouteNextHopTable" -> nextHops(now, started);
            case "mgmdRouterInterfaceTable" -> mgmdInterfaces();
            case "mgmdRouterCacheTable" -> mgmdCache(now, started);
            case "mgmdRouterSrcListTable" -> mgmdSources();
            default -> throw new CommandException(ExitCode.UNKNOWN_COMMAND, "no MIB table '" + name + "' (tables: "
                    + String.join(", ", TABLES) + ")");
        };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", name);
        m.put("mib", name.startsWith("ipMcast") ? "IPMCAST-MIB (RFC 5132)" : "MGMD-STD-MIB (RFC 5519)");
        m.put("sysUpTime", ticks(now - started));
        m.put("rows", rows);
        return m;
    }

    private List<Map<String, Object>> routes(long now, long started) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<InterfaceId, InterfaceOwnership> owners = owners();
        view.mgm().mfeStatistics().forEach(st -> {
            Mfe m = st.mfe();
            MfeCounters c = st.counters();
            Map<String, Object> r = index("ipMcastRoute", m);
            r.put("ipMcastRouteUpstreamNeighborType", type(m.upstreamNeighbor()));
            r.put("ipMcastRouteUpstreamNeighbor", m.upstreamNeighbor().getHostAddress());
            r.put("ipMcastRouteInIfIndex", m.incomingInterface().ifIndex());
            r.put("ipMcastRouteTimeStamp", timeStamp(now, m.upTime(), started));
            r.put("ipMcastRouteExpiryTime", m.lifetime().isZero() ? 0 : ticks(m.expiresIn().toMillis()));
            r.put("ipMcastRouteProtocol", ianaMroute(owners.get(m.incomingInterface())));
            r.put("ipMcastRouteRtProtocol", ianaRoute(m.route().protocol()));
            r.put("ipMcastRouteRtAddressType", type(m.route().network().address()));
            r.put("ipMcastRouteRtAddress", m.route().network().address().getHostAddress());
            r.put("ipMcastRouteRtPrefixLength", m.route().network().length());
            r.put("ipMcastRouteRtType", 2);                       // multicast(2): the multicast view's route
            r.put("ipMcastRouteOctets", c.inOctets());
            r.put("ipMcastRoutePkts", c.inPackets());
            r.put("ipMcastRouteTtlDropPackets", c.inHeaderErrors());
            r.put("ipMcastRouteDifferentInIfPackets", c.packetsDifferentInterface());
            rows.add(r);
        });
        return rows;
    }

    private List<Map<String, Object>> nextHops(long now, long started) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<InterfaceId, InterfaceOwnership> owners = owners();
        view.mgm().mfeStatistics().forEach(st -> nextHopsOf(st, owners, now, started, rows));
        return rows;
    }

    private static void nextHopsOf(MfeStatistics st, Map<InterfaceId, InterfaceOwnership> owners, long now,
                                   long started, List<Map<String, Object>> rows) {
        Mfe m = st.mfe();
        for (InterfaceId o : m.outgoingInterfaces()) {
            Map<String, Object> r = index("ipMcastRouteNextHop", m);
            r.put("ipMcastRouteNextHopIfIndex", o.ifIndex());
            // "For most interfaces, this is identical to ipMcastRouteNextHopGroup" (RFC 5132).
            InetAddress nh = o.isPointToMultipointLink() ? o.nextHop() : m.group();
            r.put("ipMcastRouteNextHopAddressType", type(nh));
            r.put("ipMcastRouteNextHopAddress", nh.getHostAddress());
            r.put("ipMcastRouteNextHopState", 2);                // forwarding(2)
            r.put("ipMcastRouteNextHopTimeStamp", timeStamp(now, m.upTime(), started));
            r.put("ipMcastRouteNextHopExpiryTime", m.lifetime().isZero() ? 0 : ticks(m.expiresIn().toMillis()));
            r.put("ipMcastRouteNextHopProtocol", ianaMroute(owners.get(o)));
            MfeCounters.OifCounters c = Optional.ofNullable(st.counters().outgoing().get(o))
                    .orElse(MfeCounters.OifCounters.ZERO);
            r.put("ipMcastRouteNextHopPkts", c.outPackets());
            rows.add(r);
        }
    }

    private List<Map<String, Object>> mgmdInterfaces() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IgmpInterfaceStatus s : view.requireIgmp().interfaces()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mgmdRouterInterfaceIfIndex", s.id().ifIndex());
            r.put("mgmdRouterInterfaceQuerierType", type(s.querierAddress()));
            r.put("mgmdRouterInterfaceQuerier", s.querierAddress().getHostAddress());
            r.put("mgmdRouterInterfaceQueryInterval", s.queryInterval().toSeconds());
            r.put("mgmdRouterInterfaceStatus", 1);                // active(1)
            r.put("mgmdRouterInterfaceVersion", s.version());
            r.put("mgmdRouterInterfaceQuerierExpiryTime", ticks(s.otherQuerierExpiresIn().toMillis()));
            r.put("mgmdRouterInterfaceGroups", s.groups());
            r.put("mgmdRouterInterfaceRobustness", s.robustness());
            rows.add(r);
        }
        return rows;
    }

    private List<Map<String, Object>> mgmdCache(long now, long started) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IgmpGroupStatus g : view.requireIgmp().groups(null)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mgmdRouterCacheAddressType", type(g.group()));
            r.put("mgmdRouterCacheAddress", g.group().getHostAddress());
            r.put("mgmdRouterCacheIfIndex", g.ifId().ifIndex());
            r.put("mgmdRouterCacheLastReporter", g.lastReporter().getHostAddress());
            r.put("mgmdRouterCacheUpTime", ticks(g.upTime().toMillis()));
            r.put("mgmdRouterCacheExpiryTime", ticks(expiry(g).toMillis()));
            r.put("mgmdRouterCacheExcludeModeExpiryTimer", ticks(g.groupTimer().toMillis()));
            r.put("mgmdRouterCacheVersion1HostTimer", ticks(g.v1HostTimer().toMillis()));
            r.put("mgmdRouterCacheVersion2HostTimer", ticks(g.v2HostTimer().toMillis()));
            r.put("mgmdRouterCacheSourceFilterMode", g.mode() == org.openmgm.api.FilterMode.INCLUDE ? 1 : 2);
            rows.add(r);
        }
        return rows;
    }

    /** The entry ends when the group timer and every source timer have run out (RFC 3376 §6.2.1). */
    private static Duration expiry(IgmpGroupStatus g) {
        Duration d = g.groupTimer();
        for (IgmpGroupStatus.Source s : g.sources()) {
            if (s.timer().compareTo(d) > 0) {
                d = s.timer();
            }
        }
        return d;
    }

    private List<Map<String, Object>> mgmdSources() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IgmpGroupStatus g : view.requireIgmp().groups(null)) {
            for (IgmpGroupStatus.Source s : g.sources()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("mgmdRouterSrcListAddressType", type(g.group()));
                r.put("mgmdRouterSrcListAddress", g.group().getHostAddress());
                r.put("mgmdRouterSrcListIfIndex", g.ifId().ifIndex());
                r.put("mgmdRouterSrcListHostAddress", s.address().getHostAddress());
                r.put("mgmdRouterSrcListExpire", ticks(s.timer().toMillis()));
                rows.add(r);
            }
        }
        return rows;
    }

    private Map<InterfaceId, InterfaceOwnership> owners() {
        Map<InterfaceId, InterfaceOwnership> m = new LinkedHashMap<>();
        view.mgm().interfaces().forEach(o -> m.put(o.id(), o));
        return m;
    }

    private static Map<String, Object> index(String prefix, Mfe m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(prefix + "GroupAddressType", type(m.group()));
        r.put(prefix + "Group", m.group().getHostAddress());
        r.put(prefix + "GroupPrefixLength", m.group().getAddress().length * 8);
        r.put(prefix + "SourceAddressType", type(m.source()));
        r.put(prefix + "Source", m.source().getHostAddress());
        r.put(prefix + "SourcePrefixLength", m.source().getAddress().length * 8);
        return r;
    }

    /** IANAipMRouteProtocol of the component holding an interface: igmpOnly(10) for IGMP alone. */
    private static int ianaMroute(InterfaceOwnership o) {
        return o != null && o.routingProtocol().isEmpty() && o.igmp().isPresent() ? IANA_MROUTE_IGMP_ONLY
                : IANA_MROUTE_OTHER;
    }

    /**
     * IANAipRouteProtocol of a route, from Linux's route protocol numbers (rtnetlink RTPROT_*):
     * kernel(2) → local(2), boot(3)/static(4) → netmgmt(3), ISIS(187) → isIs(9), OSPF(188) →
     * ospf(13), RIP(189) → rip(8), BGP(186) → bgp(14), anything else other(1).
     */
    static int ianaRoute(int linuxProtocol) {
        return switch (linuxProtocol) {
            case 2 -> 2;
            case 3, 4 -> 3;
            case 186 -> 14;
            case 187 -> 9;
            case 188 -> 13;
            case 189 -> 8;
            default -> 1;
        };
    }

    private static int type(InetAddress a) {
        return a instanceof Inet4Address ? 1 : 2;
    }

    private static long ticks(long millis) {
        return Math.max(0, millis / 10);
    }

    private static long timeStamp(long now, Duration upTime, long started) {
        return ticks(Instant.ofEpochMilli(now).minus(upTime).toEpochMilli() - started);
    }
}
