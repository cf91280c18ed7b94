package org.openmgm.protocol.staticroutes;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.RouteInfo;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.ReversePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static multicast routing, what smcroute does, as an MGM routing protocol: it owns every
 * interface its routes name, and
 * <ul>
 *   <li>is part of the multicast view ({@link MulticastRouteLookup}, ranked above the unicast
 *       table): data matching a route is expected on the route's inbound interface — by (S,G),
 *       else (*,G), else the longest (*,G/len) — and answers RPF the same way;</li>
 *   <li>joins each route's key on its outbound interfaces ((S,G) or (*,G) memberships), so that
 *       the MGM forwards there; a (*,G/len) route joins each concrete group of its range when
 *       the first packet of it arrives (in the RPF callback, before the MGM gathers candidates);</li>
 *   <li>has the MGM create (S,G) routes' entries at once, not at the first packet (OpenMGM A10),
 *       with no ageing, and again if they are deleted while the route stands;</li>
 *   <li>in creation alerts keeps only the route's own outbound interfaces.</li>
 * </ul>
 * A configuration change applies only what changed: new outbound interfaces join before removed
 * ones leave, so that a receiver that stays loses nothing; a changed inbound interface makes the
 * MGM re-create the route's entries. Two routes that match the same traffic overlap: the first
 * configured is used and the other is reported. A route naming an interface that does not exist
 * (yet) is reported and applied when the interface appears.
 *
 * <p>Thread-safe. Configuration is applied under this object's monitor; the callbacks and the
 * lookup read an immutable {@link RouteTable} and never wait for a reconfiguration.
 */
public class StaticRouting implements MulticastRoutingProtocol, MulticastRouteLookup {

    private static final Logger log = LoggerFactory.getLogger(StaticRouting.class);
    /** Kernel route protocol number of a static route (RTPROT_STATIC), for RouteInfo. */
    static final int ROUTE_PROTOCOL_STATIC = 4;
    /** How long an (S,G) entry whose route went away lingers once it forwards nowhere. */
    private static final Duration GONE_LIFETIME = Duration.ofSeconds(1);
    /** Groups of (*,G/len) routes joined on demand, at most (a flood must not exhaust memory). */
    static final int MAX_MATERIALISED = 65_536;

    private final Function<String, Optional<InterfaceId>> resolver;
    private final MulticastRouteListener changes;
    private final Map<String, List<StaticRoute>> configured = new TreeMap<>();
    private final HeldState held = new HeldState();
    private final Map<InetAddress, ResolvedRoute> materialised = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile RouteTable table = RouteTable.EMPTY;
    private volatile ProtocolRegistration registration;

    /**
     * Creates the protocol.
     *
     * @param resolver turns an interface as configured (a name or an index) into the id of an
     *     existing interface, or empty
     * @param changes told when routes change, so that the MGM re-creates the entries concerned
     */
    public StaticRouting(Function<String, Optional<InterfaceId>> resolver, MulticastRouteListener changes) {
        this.resolver = resolver;
        this.changes = changes;
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Replaces the routes of one configuration source and applies the difference.
     *
     * @param source identifies the source (a configuration PID, the smcroute file)
     * @param routes its routes, in order
     */
    public synchronized void setRoutes(String source, List<StaticRoute> routes) {
        if (routes.isEmpty()) {
            configured.remove(source);
        } else {
            configured.put(source, List.copyOf(routes));
        }
        apply();
    }

    /** Applies the configuration again: an interface came or went. */
    public synchronized void interfacesChanged() {
        apply();
    }

    /**
     * Returns the routes in force.
     *
     * @return the configured routes whose interfaces exist and are held, in configuration order
     */
    public List<StaticRoute> activeRoutes() {
        return table.all().stream().map(ResolvedRoute::route).toList();
    }

    private void apply() {
        List<ResolvedRoute> wanted = resolve();
        ProtocolRegistration r = registration;
        if (r == null) {
            return;                                         // attached() applies them
        }
        Map<String, ResolvedRoute> before = byMatch(table.all());
        Map<String, ResolvedRoute> after = new LinkedHashMap<>();
        List<ResolvedRoute> added = new ArrayList<>();
        for (ResolvedRoute w : wanted) {
            ResolvedRoute old = before.get(matchKey(w.route()));
            if (old != null && old.sameRouting(w)) {
                after.put(matchKey(w.route()), old);
                continue;
            }
            if (!takeAll(r, w)) {
                if (old != null) {
                    after.put(matchKey(old.route()), old);      // keep what worked
                }
                continue;
            }
            joinAll(r, w, old);
            after.put(matchKey(w.route()), w);
            added.add(w);
        }
        List<ResolvedRoute> removed = new ArrayList<>();
        for (ResolvedRoute old : before.values()) {
            ResolvedRoute now = after.get(matchKey(old.route()));
            if (now != old) {
                removed.add(old);
            }
        }
        table = new RouteTable(after.values());              // the view answers with the new routes
        for (ResolvedRoute old : removed) {
            ResolvedRoute now = after.get(matchKey(old.route()));
            leaveAll(r, old, now);
            releaseAll(r, old);
            if (now == null || !now.from().equals(old.from())) {
                announce(old.route());                      // entries must follow the new inbound
            }
        }
        for (ResolvedRoute w : added) {
            if (w.route().kind() == StaticRoute.Kind.SOURCE_GROUP) {
                create(r, w.route());
            }
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            log.info("static routes: {} in force ({} new or changed, {} gone)", after.size(),
                    added.size(), removed.size() - (int) removed.stream()
                            .filter(o -> after.containsKey(matchKey(o.route()))).count());
        }
    }

    /** The configured routes whose interfaces exist, overlaps reported and dropped. */
    private List<ResolvedRoute> resolve() {
        List<ResolvedRoute> out = new ArrayList<>();
        Map<String, StaticRoute> first = new LinkedHashMap<>();
        for (List<StaticRoute> routes : configured.values()) {
            for (StaticRoute s : routes) {
                StaticRoute earlier = first.putIfAbsent(matchKey(s), s);
                if (earlier != null) {
                    reportOnce("overlap " + s.origin() + s, "{}: route {} overlaps {} from {}; ignored", s.origin(), s,
                            earlier, earlier.origin());
                    continue;
                }
                Optional<InterfaceId> from = resolver.apply(s.from());
                List<InterfaceId> to = new ArrayList<>();
                String missing = from.isEmpty() ? s.from() : null;
                for (String name : s.to()) {
                    Optional<InterfaceId> id = resolver.apply(name);
                    if (id.isEmpty()) {
                        missing = name;
                    } else {
                        to.add(id.get());
                    }
                }
                if (missing != null) {
                    reportOnce("missing " + s.origin() + s + missing, "{}: route {} names interface {}, which does "
                            + "not exist (yet); it is applied when the interface appears", s.origin(), s, missing);
                    continue;
                }
                out.add(new ResolvedRoute(s, from.get(), to));
            }
        }
        return out;
    }

    private boolean takeAll(ProtocolRegistration r, ResolvedRoute w) {
        List<InterfaceId> taken = new ArrayList<>();
        List<InterfaceId> all = new ArrayList<>(w.to());
        all.add(0, w.from());
        for (InterfaceId i : all) {
            if (!held.take(r, i)) {
                taken.forEach(t -> held.release(r, t));
                log.error("{}: route {} not applied: interface {} is held by another protocol", w.route().origin(),
                        w.route(), i);
                return false;
            }
            taken.add(i);
        }
        return true;
    }

    private void releaseAll(ProtocolRegistration r, ResolvedRoute old) {
        held.release(r, old.from());
        old.to().forEach(i -> held.release(r, i));
    }

    /** Joins the route's key on its outbound interfaces (before the replaced route leaves). */
    private void joinAll(ProtocolRegistration r, ResolvedRoute w, ResolvedRoute replaced) {
        if (w.route().kind() == StaticRoute.Kind.GROUP_PREFIX) {
            if (replaced != null) {
                materialised.replaceAll((g, route) -> route == replaced ? w : route);
            }
            materialised.forEach((g, route) -> {
                if (route == w) {
                    w.to().forEach(i -> held.join(r, SourceGroup.anySource(g), i));
                }
            });
            return;
        }
        SourceGroup key = key(w.route());
        w.to().forEach(i -> held.join(r, key, i));
    }

    /** Leaves the old route's memberships (those its replacement joined again stay, counted). */
    private void leaveAll(ProtocolRegistration r, ResolvedRoute old, ResolvedRoute replacement) {
        if (old.route().kind() == StaticRoute.Kind.GROUP_PREFIX) {
            for (Map.Entry<InetAddress, ResolvedRoute> e : materialised.entrySet()) {
                if (e.getValue() == old || e.getValue() == replacement) {
                    old.to().forEach(i -> held.leave(r, SourceGroup.anySource(e.getKey()), i));
                    if (replacement == null) {
                        materialised.remove(e.getKey(), old);
                    }
                }
            }
            return;
        }
        SourceGroup key = key(old.route());
        old.to().forEach(i -> held.leave(r, key, i));
    }

    private void create(ProtocolRegistration r, StaticRoute s) {
        try {
            r.createMfe(s.source(), s.group().address(), Duration.ZERO);
        } catch (MgmException e) {
            log.warn("{}: the entry for {} could not be installed yet: {}", s.origin(), s, e.getMessage());
        }
    }

    private void announce(StaticRoute s) {
        try {
            changes.routesChanged(s.source() == null ? Prefix.ANY_V4 : Prefix.host(s.source()), s.group());
        } catch (RuntimeException e) {
            log.warn("Announcing the change of {} failed", s, e);
        }
    }

    private void reportOnce(String what, String format, Object... args) {
        if (reported.add(what)) {
            log.warn(format, args);
        }
    }

    private static Map<String, ResolvedRoute> byMatch(List<ResolvedRoute> routes) {
        Map<String, ResolvedRoute> m = new LinkedHashMap<>();
        routes.forEach(r -> m.put(matchKey(r.route()), r));
        return m;
    }

    private static String matchKey(StaticRoute s) {
        return (s.source() == null ? "*" : s.source().getHostAddress()) + "," + s.group();
    }

    private static SourceGroup key(StaticRoute s) {
        return s.source() == null ? SourceGroup.anySource(s.group().address())
                : SourceGroup.of(s.source(), s.group().address());
    }

    private static ReversePath path(ResolvedRoute r) {
        return new ReversePath(r.from(), Prefix.ANY_V4.address(), new RouteInfo(ROUTE_PROTOCOL_STATIC,
                r.route().group()));
    }

    // ---------------------------------------------------------------- the MGM

    @Override
    public void attached(ProtocolRegistration r) {
        synchronized (this) {
            registration = r;
            held.clear();
            materialised.clear();
            table = RouteTable.EMPTY;
            apply();
        }
    }

    @Override
    public void detached(ProtocolRegistration r) {
        synchronized (this) {
            if (registration == r) {
                registration = null;
                held.clear();
                materialised.clear();
                table = RouteTable.EMPTY;
            }
        }
    }

    @Override
    public Optional<ReversePath> lookup(InetAddress source) {
        return Optional.empty();                            // routes are by group too: see below
    }

    @Override
    public Optional<ReversePath> lookup(InetAddress source, InetAddress group) {
        ResolvedRoute r = table.match(source, group);
        return r == null ? Optional.empty() : Optional.of(path(r));
    }

    @Override
    public ReversePath rpf(SourceGroup key, ReversePath proposed, ByteBuffer packetHeader) {
        InetAddress s = key.source().address();
        InetAddress g = key.group().address();
        ResolvedRoute r = table.match(s, g);
        if (r == null) {
            return proposed;
        }
        ProtocolRegistration reg = registration;
        if (r.route().kind() == StaticRoute.Kind.GROUP_PREFIX && reg != null) {
            materialise(reg, g, r);                        // before the MGM gathers the candidates
        }
        return path(r);
    }

    private void materialise(ProtocolRegistration reg, InetAddress group, ResolvedRoute r) {
        if (materialised.size() >= MAX_MATERIALISED && !materialised.containsKey(group)) {
            reportOnce("materialise-limit", "static routes: more than {} groups of range routes; {} not forwarded",
                    MAX_MATERIALISED, group.getHostAddress());
            return;
        }
        if (materialised.putIfAbsent(group, r) == null) {
            r.to().forEach(i -> held.join(reg, SourceGroup.anySource(group), i));
        }
    }

    @Override
    public Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming, List<CandidateInterface> candidates) {
        ResolvedRoute r = table.match(key.source().address(), key.group().address());
        Set<InterfaceId> keep = new HashSet<>();
        if (r != null && r.from().equals(incoming)) {
            for (CandidateInterface c : candidates) {
                if (r.to().contains(c.ifId())) {
                    keep.add(c.ifId());                     // only the governing route's interfaces
                }
            }
        }
        return keep;
    }

    @Override
    public Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete, Duration proposedLifetime) {
        if (!memberDelete && key.kind() == SourceGroup.Kind.SOURCE_GROUP
                && table.match(key.source().address(), key.group().address()) == null) {
            return GONE_LIFETIME;                           // its route is gone: let the entry go
        }
        return proposedLifetime;
    }

    @Override
    public void deletionAlert(SourceGroup key, InterfaceId incoming, MfeDeletionReason reason) {
        ProtocolRegistration reg = registration;
        ResolvedRoute r = table.match(key.source().address(), key.group().address());
        if (reg != null && r != null && r.route().kind() == StaticRoute.Kind.SOURCE_GROUP
                && reason != MfeDeletionReason.EXPIRED) {
            create(reg, r.route());                        // the route stands: install it again
        }
    }
}
