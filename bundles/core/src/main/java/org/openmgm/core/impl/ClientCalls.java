package org.openmgm.core.impl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import org.openmgm.api.EnumerationType;
import org.openmgm.api.GroupEnumeration;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.Mfe;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;

/**
 * What a registered client does besides taking and releasing interfaces: membership (spec §3.6,
 * §3.7), excluded sources (OpenMGM A9), MFEs created on request (A10), the upstream neighbour
 * (§3.14) and group enumeration (§3.15). Each call validates its arguments, changes the state
 * under the MGM lock and collects the callbacks it owes, then delivers them on the calling thread
 * without the lock (spec [RES Q31]).
 */
final class ClientCalls {

    private final MgmState s;
    private final MembershipOps memberships;
    private final MfeCreation creation;
    private final CallbackDispatcher dispatcher;

    ClientCalls(MgmState s, MembershipOps memberships, MfeCreation creation, CallbackDispatcher dispatcher) {
        this.s = s;
        this.memberships = memberships;
        this.creation = creation;
        this.dispatcher = dispatcher;
    }

    void addMembership(Client client, SourceGroup sg, InterfaceId ifId, Set<MembershipFlag> flags) {
        changeMembership(client, sg, ifId, flags, true);
    }

    void deleteMembership(Client client, SourceGroup sg, InterfaceId ifId, Set<MembershipFlag> flags) {
        changeMembership(client, sg, ifId, flags, false);
    }

    private void changeMembership(Client client, SourceGroup sg, InterfaceId ifId, Set<MembershipFlag> flags,
                                  boolean add) {
        if (sg == null || ifId == null) {
            throw MgmException.invalid("membership needs a source/group key and an interface");
        }
        MembershipOps.checkFlags(flags);
        long key = Ipv4.key(sg);
        act(client, out -> {
            InterfaceEntry e = memberships.checkRights(client, ifId);
            if (add) {
                memberships.add(client, sg, key, e, flags, out);
            } else {
                memberships.delete(client, sg, key, e, flags, out);
            }
        });
    }

    void setExcludedSources(Client client, InetAddress group, InterfaceId ifId, Set<InetAddress> sources) {
        if (group == null || ifId == null || sources == null) {
            throw MgmException.invalid("excluded sources need a group, an interface and a set of sources");
        }
        int g = MembershipOps.checkGroup(group);
        int[] sorted = MembershipOps.checkSources(sources);
        act(client, out -> memberships.exclude(client, memberships.checkRights(client, ifId), g, sorted, out));
    }

    Mfe createMfe(Client client, InetAddress source, InetAddress group, Duration lifetime) {
        if (source == null || group == null || lifetime == null || lifetime.isNegative()) {
            throw MgmException.invalid("an MFE needs a source, a group and a lifetime of zero or more");
        }
        SourceGroup.of(source, group);                                    // validates both addresses
        s.lock.lock();
        try {
            ensureRunning(s);
            ensureActive(client);
        } finally {
            s.lock.unlock();
        }
        return creation.createNow(source, group, lifetime);
    }

    void setMfeUpstreamNeighbor(Client client, InetAddress source, InetAddress group, InetAddress upstream) {
        if (source == null || group == null || upstream == null) {
            throw MgmException.invalid("source, group and upstream neighbour must not be null");
        }
        long key = Ipv4.key(Ipv4.toInt(source), Ipv4.toInt(group));
        int neighbor = Ipv4.toInt(upstream);
        act(client, out -> {
            MfeEntry m = s.mfes.get(key);
            if (m == null) {
                throw new MgmException(MgmStatus.NOT_FOUND, "no MFE for (" + source.getHostAddress() + ", "
                        + group.getHostAddress() + ")");
            }
            if (s.componentOf(m.iif) != client) {                                        // [RES Q37]
                throw MgmException.invalid(client + " does not own the incoming interface " + m.iif.id
                        + " of " + m);
            }
            m.upstream = neighbor;
        });
    }

    /**
     * Runs a client's change under the lock once the MGM runs and the client is active, then
     * delivers the callbacks it collected on the calling thread, holding no lock.
     */
    private void act(Client client, Consumer<Outbox> change) {
        Outbox out = new Outbox();
        s.lock.lock();
        try {
            ensureRunning(s);
            ensureActive(client);
            change.accept(out);
        } finally {
            s.lock.unlock();
        }
        if (!out.isEmpty()) {
            dispatcher.deliver(out);
        }
    }

    GroupEnumeration openGroupEnumeration(Client client, EnumerationType type) {
        if (type == null) {
            throw MgmException.invalid("enumeration type must not be null");
        }
        s.lock.lock();
        try {
            ensureRunning(s);
            ensureActive(client);
            return new GroupEnumerationImpl(type, s.memberships.sortedKeys(), client);
        } finally {
            s.lock.unlock();
        }
    }

    static void ensureRunning(MgmState s) {
        if (s.stopped) {
            throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "the MGM is stopped");
        }
    }

    static void ensureActive(Client client) {
        if (!client.isActive()) {
            throw MgmException.invalid("registration of " + client + " is no longer valid");
        }
    }
}
