package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.openmgm.spi.MulticastRoutingProtocol;

/**
 * The callbacks one operation owes, in delivery order. Filled while the state lock is held and
 * delivered by the {@link CallbackDispatcher} after it is released (spec [RES Q31]: commit first,
 * then call out without the lock). A callback whose answer matters (a prune alert's lifetime)
 * carries its own continuation, which takes the lock again.
 */
final class Outbox {

    /**
     * One callback to one client; {@code subject} describes it in logs (its {@code toString} is
     * only called when something is logged).
     */
    record Delivery(Client to, CallbackKind kind, Object subject, Consumer<MulticastRoutingProtocol> call) {
    }

    private List<Delivery> deliveries;

    void add(Client to, CallbackKind kind, Object subject, Consumer<MulticastRoutingProtocol> call) {
        if (to == null || !to.implementsCallback(kind)) {
            return;                                   // nobody, or a null slot ([RES Q23])
        }
        if (deliveries == null) {
            deliveries = new ArrayList<>(4);
        }
        deliveries.add(new Delivery(to, kind, subject, call));
    }

    List<Delivery> deliveries() {
        return deliveries == null ? List.of() : deliveries;
    }

    boolean isEmpty() {
        return deliveries == null;
    }
}
