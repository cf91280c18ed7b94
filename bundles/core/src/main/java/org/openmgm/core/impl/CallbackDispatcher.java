package org.openmgm.core.impl;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.openmgm.spi.MulticastRoutingProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls protocols back, one callback at a time, isolating each (DESIGN.md rule 4, STYLE §9.6):
 * a callback that throws is logged and counted and delivery continues with the next one; a
 * callback slower than the budget is logged and counted as slow. Never called with the state
 * lock held.
 */
final class CallbackDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private volatile long slowNanos;

    CallbackDispatcher(long slowMillis) {
        setSlowMillis(slowMillis);
    }

    void setSlowMillis(long slowMillis) {
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMillis);
    }

    /** Delivers every callback of the outbox in order, skipping clients that are no longer active. */
    void deliver(Outbox outbox) {
        for (Outbox.Delivery d : outbox.deliveries()) {
            Client to = d.to();
            if (to == null) {
                continue;
            }
            to.awaitAttached();
            if (to.isActive()) {
                invoke(to, d.kind(), d.detail(), d.call());
            }
        }
    }

    /** Delivers one callback regardless of the client's state (used for attached/detached). */
    void invoke(Client to, CallbackKind kind, String detail, Consumer<MulticastRoutingProtocol> call) {
        long start = System.nanoTime();
        try {
            call.accept(to.protocol);
            to.counters.delivered(kind);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            to.counters.failed(kind);
            log.warn("Callback {}({}) of protocol {} threw; ignored", kind.label(), detail, to, t);
        } finally {
            long took = System.nanoTime() - start;
            if (took > slowNanos) {
                to.counters.slow(kind);
                log.warn("Callback {}({}) of protocol {} took {} ms (budget {} ms); callbacks must not block",
                        kind.label(), detail, to, TimeUnit.NANOSECONDS.toMillis(took),
                        TimeUnit.NANOSECONDS.toMillis(slowNanos));
            }
        }
    }
}
