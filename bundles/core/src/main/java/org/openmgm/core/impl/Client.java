package org.openmgm.core.impl;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.MulticastRoutingProtocol;

/**
 * One registered client of the MGM (spec §2.3): its identity, its callback table and the
 * interfaces it holds. The mutable parts are guarded by the MGM's state lock; {@link #state} is
 * volatile so the dispatcher can skip a client that left without taking the lock.
 */
final class Client {

    /** Life cycle of a registration. */
    enum State {
        /** Registered and receiving callbacks. */
        ACTIVE,
        /** Its service is going away; the MGM is releasing what it held and calls it no more. */
        DEPARTING,
        /** Deregistered; its handle is invalid. */
        GONE
    }

    /**
     * How long a delivery from another thread waits for {@code attached} to return before it goes
     * ahead anyway (a stuck {@code attached} must not stall the MGM forever).
     */
    private static final long ATTACH_WAIT_SECONDS = 10;

    final ProtocolId id;
    final String name;
    final String bundle;
    final boolean igmp;
    final MulticastRoutingProtocol protocol;
    /** Registration sequence number: recipients of one alert are called in this order (spec §4.1). */
    final long order;
    final CallbackCounters counters = new CallbackCounters();
    /** The callbacks it implements; the others are null slots, skipped ([RES Q23]). */
    final Set<CallbackKind> implemented;

    /** Interfaces this client holds; guarded by the MGM lock. */
    final SortedSet<InterfaceId> interfaces = new TreeSet<>();

    volatile State state = State.ACTIVE;
    /** Set by the {@link Watchdog} while one of this client's callbacks is stuck. */
    volatile boolean stuck;
    /** How many of its callbacks are stuck; guarded by synchronizing on this client. */
    int stuckCalls;
    volatile ProtocolRegistration handle;

    /** Open until {@code attached} returned: no other callback may overtake it. */
    private final CountDownLatch attachedLatch = new CountDownLatch(1);
    volatile Thread attachingThread;

    Client(ProtocolId id, String name, String bundle, boolean igmp, MulticastRoutingProtocol protocol, long order) {
        this.id = id;
        this.name = name;
        this.bundle = bundle;
        this.igmp = igmp;
        this.protocol = protocol;
        this.order = order;
        this.implemented = Implemented.by(protocol);
    }

    boolean implementsCallback(CallbackKind kind) {
        return implemented.contains(kind);
    }

    boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Marks {@code attached} as returned. */
    void attached() {
        attachingThread = null;
        attachedLatch.countDown();
    }

    /**
     * Blocks a delivery until {@code attached} returned, unless the delivery happens inside {@code
     * attached} itself (the protocol called the MGM from there).
     */
    void awaitAttached() {
        if (attachedLatch.getCount() == 0 || Thread.currentThread() == attachingThread) {
            return;
        }
        try {
            attachedLatch.await(ATTACH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + "(" + id + ")";
    }
}
