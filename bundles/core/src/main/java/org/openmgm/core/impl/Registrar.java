package org.openmgm.core.impl;

import java.util.function.Function;

import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration and deregistration of clients (spec §3.1, §3.2, [RES Q4], [RES Q9], [RES Q30]):
 * the (protocol, component) pair is unique, the configured IGMP protocol number marks the one
 * IGMP client, and {@code attached} is the first callback a client receives.
 */
final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private final MgmState s;
    private final CallbackDispatcher dispatcher;

    Registrar(MgmState s, CallbackDispatcher dispatcher) {
        this.s = s;
        this.dispatcher = dispatcher;
    }

    /**
     * Registers a client (spec §3.1) and hands it its handle through {@code attached}.
     *
     * @param id protocol and component numbers
     * @param name human-readable name for logs and views
     * @param bundle symbolic name of the registering bundle, for logs and views
     * @param protocol the callback table
     * @return the handle, already passed to {@code protocol.attached}
     * @throws MgmException ALREADY_EXISTS for a duplicate id or a second IGMP client,
     *     INVALID_PARAMETER for a missing argument, CAN_NOT_COMPLETE when stopped
     */
    ProtocolRegistration register(ProtocolId id, String name, String bundle, MulticastRoutingProtocol protocol,
                                  Function<Client, ProtocolRegistration> handles) {
        if (id == null || protocol == null || name == null || bundle == null) {
            throw MgmException.invalid("registration needs an id, a name, a bundle and a callback table");
        }
        Client client;
        s.lock.lock();
        try {
            if (s.stopped) {
                throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "the MGM is stopped");
            }
            Client existing = s.clients.get(id);
            if (existing != null) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, "protocol " + id
                        + " is already registered as " + existing + " by bundle " + existing.bundle);
            }
            boolean igmp = id.protocol() == s.settings.igmpProtocolId();
            if (igmp && s.igmpClient != null) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, "an IGMP client is already registered: "
                        + s.igmpClient + " by bundle " + s.igmpClient.bundle);
            }
            client = new Client(id, name, bundle, igmp, protocol, s.nextOrder++);
            client.attachingThread = Thread.currentThread();
            client.handle = handles.apply(client);
            s.clients.put(id, client);
            if (igmp) {
                s.igmpClient = client;
            }
        } finally {
            s.lock.unlock();
        }
        log.info("Registered protocol {}{} from bundle {}", client, client.igmp ? " as IGMP" : "", bundle);
        ProtocolRegistration handle = client.handle;
        try {
            dispatcher.invoke(client, CallbackKind.ATTACHED, id, p -> p.attached(handle));
        } finally {
            client.attached();
        }
        return handle;
    }

    /**
     * Deregisters a client that holds nothing (spec §3.2); its handle and group enumerations
     * become invalid ([RES Q30]).
     *
     * @throws MgmException CAN_NOT_COMPLETE if it still holds interfaces (nothing changes),
     *     INVALID_PARAMETER if it is no longer registered
     */
    void deregister(Client client) {
        s.lock.lock();
        try {
            if (client.state == Client.State.GONE || s.clients.get(client.id) != client) {
                throw MgmException.invalid("protocol " + client + " is not registered");
            }
            if (!client.interfaces.isEmpty()) {
                throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "protocol " + client
                        + " still owns " + client.interfaces + "; release them before deregistering");
            }
            client.state = Client.State.GONE;
            s.clients.remove(client.id);
            if (client == s.igmpClient) {
                s.igmpClient = null;
            }
        } finally {
            s.lock.unlock();
        }
        log.info("Deregistered protocol {}", client);
    }
}
