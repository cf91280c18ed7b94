package org.openmgm.protocol.igmpproxy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.RouteInfo;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.ReversePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IGMP proxying (RFC 4605) as an MGM routing protocol: one upstream interface, where this router
 * is a host, and downstream interfaces, where IGMP runs as a router.
 * <ul>
 *   <li><b>Membership database</b> (§4.1): IGMP's state of each downstream interface, as the IGMP
 *       router announces it with filter modes and source lists (this proxy listens to it:
 *       local joins and leaves carry only keys), together with the receivers of other routing
 *       protocols on this router (join and prune alerts: (*,G) and (S,G)), merged per group by
 *       {@link MembershipMerge}. The merged state is this router's host membership on the upstream
 *       interface ({@link HostMembership}): the system sends the reports, in the version the
 *       upstream querier requires, and answers its queries. IGMPv3 source lists are kept — a
 *       downstream INCLUDE {S} is an upstream INCLUDE {S}, not a join of the whole group.</li>
 *   <li><b>Forwarding</b> (§4.2), through the MGM: data from upstream goes to the downstream
 *       interfaces with members (IGMP's memberships there make them candidates); data from a
 *       downstream source goes upstream — this proxy holds a (*,*) membership on the upstream
 *       interface — and to the other downstream interfaces with members. In creation alerts the
 *       upstream interface is kept only for data from downstream. RPF: a source on a downstream
 *       subnet is expected there, any other upstream.</li>
 * </ul>
 *
 * <p>Thread-safe: the state is guarded by this object's monitor; host-membership changes are made
 * outside it.
 */
public class IgmpProxy implements MulticastRoutingProtocol, IgmpMembershipListener {

    private static final Logger log = LoggerFactory.getLogger(IgmpProxy.class);
    /** Any source, any group: what the upstream interface forwards from downstream sources (§4.2). */
    private static final SourceGroup EVERYTHING = SourceGroup.all();

    private final ProxySettings settings;
    private final Function<String, Optional<NetworkInterfaceInfo>> interfaces;
    private final HostMembership host;

    private InterfaceId upstream;
    private final Map<InterfaceId, NetworkInterfaceInfo> downstream = new HashMap<>();
    /** IGMP's state per interface and group (all interfaces: the feed may come before attached). */
    private final Map<InetAddress, Map<InterfaceId, IgmpGroup>> igmp = new HashMap<>();
    /** Other protocols' receivers, from join and prune alerts. */
    private final Map<InetAddress, Set<SourceGroup>> others = new HashMap<>();
    /** What the upstream host membership holds now, per group. */
    private final Map<InetAddress, IgmpGroup> upstreamState = new HashMap<>();
    private ProtocolRegistration registration;

    /**
     * Creates the proxy.
     *
     * @param settings the interfaces
     * @param interfaces finds an interface by name or index
     * @param host the plane's host membership, for the upstream interface
     */
    public IgmpProxy(ProxySettings settings, Function<String, Optional<NetworkInterfaceInfo>> interfaces,
                     HostMembership host) {
        this.settings = settings;
        this.interfaces = interfaces;
        this.host = host;
    }

    // ---------------------------------------------------------------- registration

    @Override
    public void attached(ProtocolRegistration r) {
        Optional<NetworkInterfaceInfo> up = interfaces.apply(settings.upstream());
        if (up.isEmpty()) {
            log.error("IGMP proxy: upstream interface {} does not exist; the proxy does nothing", settings.upstream());
            return;
        }
        List<NetworkInterfaceInfo> downs = new ArrayList<>();
        for (String name : settings.downstream()) {
            Optional<NetworkInterfaceInfo> d = interfaces.apply(name);
            if (d.isEmpty()) {
                log.error("IGMP proxy: downstream interface {} does not exist; left out", name);
            } else {
                downs.add(d.get());
            }
        }
        synchronized (this) {
            registration = r;
            upstream = up.get().id();
            downs.forEach(d -> downstream.put(d.id(), d));
        }
        take(r, upstream);
        downs.forEach(d -> take(r, d.id()));
        try {
            r.addMembership(EVERYTHING, upstream);                 // §4.2: downstream data goes upstream
        } catch (MgmException e) {
            log.error("IGMP proxy: cannot forward upstream on {}: {}", upstream, e.getMessage());
        }
        log.info("IGMP proxy: upstream {} ({}), downstream {}", settings.upstream(), upstream, settings.downstream());
        recomputeAll();
    }

    private static void take(ProtocolRegistration r, InterfaceId ifId) {
        try {
            r.takeInterface(ifId);
        } catch (MgmException e) {
            log.error("IGMP proxy cannot take {}: {}", ifId, e.getMessage());
        }
    }

    @Override
    public void detached(ProtocolRegistration r) {
        List<InetAddress> joined;
        InterfaceId up;
        synchronized (this) {
            registration = null;
            joined = new ArrayList<>(upstreamState.keySet());
            up = upstream;
            upstreamState.clear();
            others.clear();
        }
        for (InetAddress g : joined) {                          // leave upstream as a host too
            setHost(up, new IgmpGroup(g, FilterMode.INCLUDE, Set.of(), 3));
        }
    }

    // ---------------------------------------------------------------- membership database (§4.1)

    @Override
    public void interfaceStarted(InterfaceId ifId) {
    }

    @Override
    public void interfaceStopped(InterfaceId ifId) {
        List<InetAddress> touched = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<InetAddress, Map<InterfaceId, IgmpGroup>> e : igmp.entrySet()) {
                if (e.getValue().remove(ifId) != null) {
                    touched.add(e.getKey());
                }
            }
        }
        touched.forEach(this::recompute);
    }

    @Override
    public void groupChanged(InterfaceId ifId, IgmpGroup group) {
        synchronized (this) {
            Map<InterfaceId, IgmpGroup> perInterface = igmp.computeIfAbsent(group.group(), g -> new HashMap<>());
            if (group.isJoined()) {
                perInterface.put(ifId, group);
            } else {
                perInterface.remove(ifId);
            }
        }
        recompute(group.group());
    }

    @Override
    public void joinAlert(SourceGroup key, boolean memberUpdate) {
        if (!memberUpdate || key.group().isWildcard()) {
            return;                      // MFE-level alerts, and (*,*) receivers: nothing to join upstream
        }
        InetAddress g = key.group().address();
        synchronized (this) {
            others.computeIfAbsent(g, x -> new HashSet<>()).add(key);
        }
        recompute(g);
    }

    @Override
    public java.time.Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete,
                                         java.time.Duration proposedLifetime) {
        if (memberDelete && !key.group().isWildcard()) {
            InetAddress g = key.group().address();
            synchronized (this) {
                Set<SourceGroup> keys = others.get(g);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    others.remove(g);
                }
            }
            recompute(g);
        }
        return proposedLifetime;
    }

    private void recomputeAll() {
        Set<InetAddress> groups;
        synchronized (this) {
            groups = new TreeSet<>((a, b) -> Prefix.host(a).compareTo(Prefix.host(b)));
            groups.addAll(igmp.keySet());
            groups.addAll(others.keySet());
        }
        groups.forEach(this::recompute);
    }

    /** Merges one group's subscriptions and tells the upstream host membership if that changed. */
    private void recompute(InetAddress g) {
        IgmpGroup merged;
        InterfaceId up;
        synchronized (this) {
            if (registration == null || upstream == null) {
                return;
            }
            List<IgmpGroup> subscriptions = new ArrayList<>();
            igmp.getOrDefault(g, Map.of()).forEach((ifId, state) -> {
                if (downstream.containsKey(ifId)) {
                    subscriptions.add(state);                   // only downstream interfaces count
                }
            });
            for (SourceGroup k : others.getOrDefault(g, Set.of())) {
                subscriptions.add(k.source().isWildcard() ? new IgmpGroup(g, FilterMode.EXCLUDE, Set.of(), 3)
                        : new IgmpGroup(g, FilterMode.INCLUDE, Set.of(k.source().address()), 3));
            }
            merged = MembershipMerge.merge(g, subscriptions);
            IgmpGroup before = upstreamState.get(g);
            if (merged.equals(before) || before == null && !merged.isJoined()) {
                return;
            }
            if (merged.isJoined()) {
                upstreamState.put(g, merged);
            } else {
                upstreamState.remove(g);
            }
            if (igmp.containsKey(g) && igmp.get(g).isEmpty()) {
                igmp.remove(g);
            }
            up = upstream;
        }
        setHost(up, merged);
    }

    private void setHost(InterfaceId up, IgmpGroup state) {
        try {
            host.setFilter(up, state.group(), state.mode(), state.sources());
            log.debug("IGMP proxy upstream {}: {} {} {}", up, state.group().getHostAddress(), state.mode(),
                    state.sources());
        } catch (RuntimeException e) {
            log.error("IGMP proxy: the upstream membership for {} could not be set: {}",
                    state.group().getHostAddress(), e.getMessage());
        }
    }

    /**
     * Returns what this router subscribes to upstream, per group.
     *
     * @return a snapshot
     */
    public synchronized Map<InetAddress, IgmpGroup> upstreamMembership() {
        return Map.copyOf(upstreamState);
    }

    // ---------------------------------------------------------------- forwarding (§4.2)

    @Override
    public synchronized ReversePath rpf(SourceGroup key, ReversePath proposed, ByteBuffer packetHeader) {
        if (upstream == null) {
            return proposed;
        }
        InetAddress s = key.source().address();
        for (NetworkInterfaceInfo d : downstream.values()) {
            if (d.onLink(s)) {
                return new ReversePath(d.id(), Prefix.ANY_V4.address(), RouteInfo.NONE);
            }
        }
        return new ReversePath(upstream, proposed.incoming().equals(upstream) ? proposed.upstreamNeighbor()
                : Prefix.ANY_V4.address(), proposed.incoming().equals(upstream) ? proposed.route() : RouteInfo.NONE);
    }

    @Override
    public synchronized Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming,
                                                       List<CandidateInterface> candidates) {
        boolean fromDownstream = downstream.containsKey(incoming);
        Set<InterfaceId> keep = new HashSet<>();
        for (CandidateInterface c : candidates) {
            if (!c.ifId().equals(upstream) || fromDownstream) {
                keep.add(c.ifId());                             // upstream only for downstream sources
            }
        }
        return keep;
    }
}
