package org.openmgm.core.impl;

import java.util.SortedSet;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;

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
    public String toString() {
        return "registration of " + client;
    }
}
