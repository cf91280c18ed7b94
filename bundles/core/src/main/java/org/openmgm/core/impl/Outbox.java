package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.openmgm.spi.MulticastRoutingProtocol;

/**
 * The callbacks one operation owes, in delivery order. Filled while the state lock is held and
 * delivered by the {@link CallbackDispatcher} after it is released (spec [RES Q31]: commit first,
 * then call out without the lock).
 */
final class Outbox {

    /** One callback to one client. */
    record Delivery(Client to, CallbackKind kind, String detail, Consumer<MulticastRoutingProtocol> call) {
    }

    private final List<Delivery> deliveries = new ArrayList<>(4);

    void add(Client to, CallbackKind kind, String detail, Consumer<MulticastRoutingProtocol> call) {
        deliveries.add(new Delivery(to, kind, detail, call));
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    boolean isEmpty() {
        return deliveries.isEmpty();
    }
}
