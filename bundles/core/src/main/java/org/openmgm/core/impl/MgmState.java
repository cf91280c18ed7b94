package org.openmgm.core.impl;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.core.impl.util.SlotBits;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ReversePath;

/**
 * Everything the MGM knows, guarded by one lock (DESIGN.md rule 4: state is mutated serially),
 * and the small derived facts the rules need: the component of an interface, the owner of the
 * interface toward a source, the components of a membership key.
 */
final class MgmState {

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a disable/enable bracket closes. */
    final Condition bracketClosed = lock.newCondition();

    /** Registered clients in registration order (spec §4.1 delivery order). */
    final Map<ProtocolId, Client> clients = new LinkedHashMap<>();
    Client igmpClient;
    final InterfaceTable interfaces = new InterfaceTable();
    final MembershipTable memberships = new MembershipTable();
    final MfeTable mfes;
    final Clock clock;
    final ForwardingPlane plane;
    final RouteLookups routes;
    final MgmCounters counters = new MgmCounters();
    volatile MgmSettings settings;
    /** Incremented by every ownership change, so that an MFE creation can notice one happened. */
    long ownershipEpoch;
    long nextOrder;
    boolean stopped;

    MgmState(MgmSettings settings, Clock clock, ForwardingPlane plane, RouteLookups routes) {
        this.settings = settings;
        this.clock = clock;
        this.plane = plane;
        this.routes = routes;
        this.mfes = new MfeTable(clock.millis());
    }

    long now() {
        return clock.millis();
    }

    /** The component of an interface (routing owner, else IGMP), or {@code null} if nobody holds it. */
    Client componentOf(InterfaceEntry e) {
        return e == null ? null : e.component(igmpClient);
    }

    /** The multicast view's reverse path for data from a source to a group. */
    Optional<ReversePath> routeToward(int source, int group) {
        return routes.lookup(Ipv4.toAddress(source), Ipv4.toAddress(group));
    }

    /** The multicast view's reverse path for data from a source to a group. */
    Optional<ReversePath> routeToward(InetAddress source, InetAddress group) {
        return routes.lookup(source, group);
    }

    /** The component owning the interface toward a source for a group ([RES Q11]), or {@code null}. */
    Client ownerToward(int source, int group) {
        return routeToward(source, group).map(p -> componentOf(interfaces.held(p.incoming()))).orElse(null);
    }

    /** The distinct components with at least one interface in a key's memberships. */
    List<Client> components(MembershipTable.KeyEntry key) {
        List<Client> out = new ArrayList<>(2);
        if (key != null) {
            SlotBits.forEach(key.slots(), slot -> {
                Client c = componentOf(interfaces.bySlot(slot));
                if (c != null && !out.contains(c)) {
                    out.add(c);
                }
            });
        }
        return out;
    }

    InterfaceId idOf(int slot) {
        return interfaces.bySlot(slot).id;
    }

    static InetAddress address(int v) {
        return Ipv4.toAddress(v);
    }
}
