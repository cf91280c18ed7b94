package org.openmgm.core.impl;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.openmgm.api.CallbackRecord;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls protocols back, one callback at a time, isolating each (DESIGN.md rule 4, STYLE §9.6):
 * a callback that throws is logged and counted and delivery continues with the next one; a
 * callback slower than the budget is logged and counted as slow; callbacks to a protocol that is
 * stuck in an earlier callback are skipped and counted (see {@link Watchdog}). Never called with
 * the state lock held.
 */
final class CallbackDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private volatile long slowNanos;
    private final Watchdog watchdog;
    private volatile CallbackJournal journal;

    CallbackDispatcher(long slowMillis, Watchdog watchdog, int journalSize) {
        this.watchdog = watchdog;
        this.journal = new CallbackJournal(journalSize);
        setSlowMillis(slowMillis);
    }

    /** Replaces the flight recorder when its configured size changed (its records are dropped). */
    void setJournalSize(int size) {
        if (size != journal.capacity()) {
            journal = new CallbackJournal(size);
        }
    }

    CallbackJournal journal() {
        return journal;
    }

    void setSlowMillis(long slowMillis) {
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMillis);
    }

    /** Delivers every callback of the outbox in order, skipping clients that are no longer active. */
    void deliver(Outbox outbox) {
        for (Outbox.Delivery d : outbox.deliveries()) {
            Client to = d.to();
            to.awaitAttached();
            if (to.isActive()) {
                invoke(to, d.kind(), d.subject(), d.call());
            }
        }
    }

    /** Delivers one callback regardless of the client's state (used for attached/detached). */
    void invoke(Client to, CallbackKind kind, Object subject, Consumer<MulticastRoutingProtocol> call) {
        call(to, kind, subject, p -> {
            call.accept(p);
            return Boolean.TRUE;
        }, Boolean.FALSE);
    }

    /**
     * Calls a callback whose answer matters (RPF, creation alert); returns {@code fallback} if the
     * client is stuck, the callback throws or it answers {@code null}.
     */
    <R> R call(Client to, CallbackKind kind, Object subject, Function<MulticastRoutingProtocol, R> call, R fallback) {
        if (!to.implementsCallback(kind)) {
            return fallback;                  // a null slot ([RES Q23])
        }
        long startMillis = System.currentTimeMillis();
        if (to.stuck) {
            to.counters.skipped(kind);
            journal.record(to.id, kind, subject, startMillis, 0, CallbackRecord.Outcome.SKIPPED);
            return fallback;
        }
        long start = System.nanoTime();
        Watchdog.InFlight inFlight = watchdog.enter(to, kind, start);
        CallbackRecord.Outcome outcome = CallbackRecord.Outcome.THREW;
        try {
            R result = call.apply(to.protocol);
            outcome = CallbackRecord.Outcome.RETURNED;
            to.counters.delivered(kind);
            return result != null ? result : fallback;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            to.counters.failed(kind);
            log.warn("Callback {}({}) of protocol {} threw; ignored", kind.label(), subject, to, t);
            return fallback;
        } finally {
            watchdog.exit(inFlight);
            long took = System.nanoTime() - start;
            journal.record(to.id, kind, subject, startMillis, took, outcome);
            if (took > slowNanos) {
                to.counters.slow(kind);
                log.warn("Callback {}({}) of protocol {} took {} ms (budget {} ms); callbacks must not block",
                        kind.label(), subject, to, TimeUnit.NANOSECONDS.toMillis(took),
                        TimeUnit.NANOSECONDS.toMillis(slowNanos));
            }
        }
    }
}
