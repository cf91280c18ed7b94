package org.openmgm.core.impl;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices callbacks that stall (DESIGN.md rule 4; ONOS's dispatcher watchdog): each thread that
 * calls a protocol publishes what it is calling in a per-thread slot (two volatile writes per
 * callback); {@link #check(long)}, run periodically on its own thread, finds calls running longer
 * than the stall threshold. Their protocol is marked stuck — further callbacks to it are skipped
 * and counted until the stuck call returns — the thread's stack is logged once, and {@code
 * onStall} is told the thread (so that the MGM can give its event loop a fresh worker if the
 * stuck thread was one).
 */
final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    /** What one thread is calling right now. */
    static final class InFlight {
        final Thread thread = Thread.currentThread();
        volatile Client client;
        volatile CallbackKind kind;
        volatile long startNanos;
        volatile boolean active;
        volatile boolean stalled;
    }

    private final ThreadLocal<InFlight> slots = ThreadLocal.withInitial(this::register);
    private final Queue<InFlight> all = new ConcurrentLinkedQueue<>();
    private final LongAdder stalls = new LongAdder();
    private volatile long stallNanos;
    private final Consumer<Thread> onStall;
    private final Consumer<Thread> onRecovery;

    Watchdog(long stallMillis, Consumer<Thread> onStall, Consumer<Thread> onRecovery) {
        this.onStall = onStall;
        this.onRecovery = onRecovery;
        setStallMillis(stallMillis);
    }

    void setStallMillis(long stallMillis) {
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    }

    long stalls() {
        return stalls.sum();
    }

    private InFlight register() {
        InFlight f = new InFlight();
        all.add(f);
        return f;
    }

    /** Marks the start of a callback; returns {@code null} for a callback nested in another. */
    InFlight enter(Client client, CallbackKind kind, long startNanos) {
        InFlight f = slots.get();
        if (f.active) {
            return null; // a callback re-entered the MGM, which called another: the outer one is timed
        }
        f.client = client;
        f.kind = kind;
        f.startNanos = startNanos;
        f.active = true;
        return f;
    }

    void exit(InFlight f) {
        if (f == null) {
            return;
        }
        f.active = false;
        if (f.stalled) {
            f.stalled = false;
            Client c = f.client;
            synchronized (c) {
                c.stuckCalls--;
                c.stuck = c.stuckCalls > 0;
            }
            log.warn("Protocol {} returned from {} after {} ms; delivering its callbacks again", c,
                    f.kind.label(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - f.startNanos));
            onRecovery.accept(f.thread);
        }
    }

    /** Finds calls that stalled since the last check. */
    void check(long nowNanos) {
        for (InFlight f : all) {
            if (!f.thread.isAlive()) {
                all.remove(f);
                continue;
            }
            if (f.active && !f.stalled && nowNanos - f.startNanos > stallNanos) {
                Client c = f.client;
                synchronized (c) {
                    if (!f.active) {
                        continue;
                    }
                    f.stalled = true;
                    c.stuckCalls++;
                    c.stuck = true;
                }
                stalls.increment();
                c.counters.stalled(f.kind);
                log.warn("Protocol {} is stuck in callback {} for more than {} ms on thread {}; skipping its"
                        + " callbacks until it returns. Stack:\n  {}", c, f.kind.label(),
                        TimeUnit.NANOSECONDS.toMillis(stallNanos), f.thread.getName(),
                        Arrays.stream(f.thread.getStackTrace()).map(String::valueOf)
                                .collect(Collectors.joining("\n  ")));
                onStall.accept(f.thread);
            }
        }
    }
}
