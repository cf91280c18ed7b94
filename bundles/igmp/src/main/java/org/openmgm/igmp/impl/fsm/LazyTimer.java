package org.openmgm.igmp.impl.fsm;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot protocol timer that is cheap to push later. Most reports only move a group's or a
 * source's timer further out (RFC 3376 §6.4: "(G) = GMI"), so instead of cancelling and
 * re-scheduling a task each time — a removal from the scheduler's queue — a later deadline is
 * remembered and the task, when it comes, re-arms itself for the rest. An earlier deadline
 * (lowering to LMQT, §6.6.1) cancels and re-schedules. Time is measured by the scheduler's own
 * clock (the tasks' delays), so tests with a manual scheduler see exact instants. Used on the
 * interface's thread only.
 */
final class LazyTimer {

    private final InterfaceContext ctx;
    private final Runnable expiry;
    private ScheduledFuture<?> task;
    /** How much longer to wait once {@link #task} comes due. */
    private long extraNanos;

    LazyTimer(InterfaceContext ctx, Runnable expiry) {
        this.ctx = ctx;
        this.expiry = expiry;
    }

    /** Whether the timer runs (it was set and has neither expired nor been stopped). */
    boolean running() {
        return task != null;
    }

    /** Time left; zero when stopped or due. */
    Duration left() {
        if (task == null) {
            return Duration.ZERO;
        }
        long nanos = Math.max(0, task.getDelay(TimeUnit.NANOSECONDS)) + extraNanos;
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    /** Sets the timer to expire {@code value} from now (a negative value is zero). */
    void set(Duration value) {
        long want = Math.max(0, value.toNanos());
        if (task != null) {
            long first = task.getDelay(TimeUnit.NANOSECONDS);
            if (first >= 0 && first <= want) {
                extraNanos = want - first;          // later: the task re-arms itself when it comes
                return;
            }
            task.cancel(false);
        }
        extraNanos = 0;
        task = ctx.schedule(Duration.ofNanos(want), this::due);
    }

    /** Stops the timer without expiry. */
    void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        extraNanos = 0;
    }

    private void due() {
        if (extraNanos > 0) {
            long rest = extraNanos;
            extraNanos = 0;
            task = ctx.schedule(Duration.ofNanos(rest), this::due);
            return;
        }
        task = null;
        expiry.run();
    }
}
