package org.openmgm.core.impl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;

import org.openmgm.api.EnumerationType;
import org.openmgm.api.GroupEnumeration;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.Mfe;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;

/** The handle of one registration; every call goes to the MGM with the client it stands for. */
final class Registration implements ProtocolRegistration {

    private final MulticastGroupManager mgm;
    private final Client client;

    Registration(MulticastGroupManager mgm, Client client) {
        this.mgm = mgm;
        this.client = client;
    }

    Client client() {
        return client;
    }

    @Override
    public ProtocolId id() {
        return client.id;
    }

    @Override
    public boolean isIgmp() {
        return client.igmp;
    }

    @Override
    public boolean isValid() {
        return client.isActive();
    }

    @Override
    public void takeInterface(InterfaceId ifId) {
        mgm.takeInterface(client, ifId);
    }

    @Override
    public void releaseInterface(InterfaceId ifId) {
        mgm.releaseInterface(client, ifId);
    }

    @Override
    public SortedSet<InterfaceId> interfaces() {
        return mgm.snapshotInterfaces(client);
    }

    @Override
    public void addMembership(SourceGroup key, InterfaceId ifId, Set<MembershipFlag> flags) {
        mgm.calls().addMembership(client, key, ifId, flags);
    }

    @Override
    public void deleteMembership(SourceGroup key, InterfaceId ifId, Set<MembershipFlag> flags) {
        mgm.calls().deleteMembership(client, key, ifId, flags);
    }

    @Override
    public void setExcludedSources(InetAddress group, InterfaceId ifId, Set<InetAddress> sources) {
        mgm.calls().setExcludedSources(client, group, ifId, sources);
    }

    @Override
    public Mfe createMfe(InetAddress source, InetAddress group, Duration lifetime) {
        return mgm.calls().createMfe(client, source, group, lifetime);
    }

    @Override
    public void setMfeUpstreamNeighbor(InetAddress source, InetAddress group, InetAddress upstreamNeighbor) {
        mgm.calls().setMfeUpstreamNeighbor(client, source, group, upstreamNeighbor);
    }

    @Override
    public GroupEnumeration openGroupEnumeration(EnumerationType type) {
        return mgm.calls().openGroupEnumeration(client, type);
    }

    @Override
    public String toString() {
        return "registration of " + client;
    }
}
