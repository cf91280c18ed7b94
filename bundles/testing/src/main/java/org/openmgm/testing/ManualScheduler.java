package org.openmgm.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic {@link ScheduledExecutorService} with a fake clock, for tests of code that takes
 * an executor and a clock (DESIGN.md rule 5): nothing runs until the test says so. {@link
 * #runPending()} runs everything due now (including work that work submits); {@link
 * #advance(Duration)} moves time forward, running every task when its time comes, in time order
 * (ties in submission order). Thread-safe, but tasks always run on the thread that calls {@code
 * runPending} or {@code advance}.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final Object lock = new Object();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private boolean shutdown;

    /**
     * Returns the fake time as a {@link Clock} (UTC), starting at 2026-01-01T00:00:00Z.
     *
     * @return a clock that only moves with {@link #advance(Duration)}
     */
    public Clock clock() {
        return new ManualClock();
    }

    /**
     * Returns the time elapsed since the scheduler was created.
     *
     * @return the fake elapsed time
     */
    public Duration elapsed() {
        synchronized (lock) {
            return Duration.ofNanos(nowNanos);
        }
    }

    /**
     * Runs every task that is due at the current time, including tasks they submit for now.
     *
     * @return how many tasks ran
     */
    public int runPending() {
        int ran = 0;
        for (Task<?> t = nextDue(nowNanos()); t != null; t = nextDue(nowNanos())) {
            t.run();
            ran++;
        }
        return ran;
    }

    /**
     * Moves the clock forward, running each task when its time comes.
     *
     * @param duration how far to move, not negative
     * @return how many tasks ran
     */
    public int advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + duration);
        }
        long target = nowNanos() + duration.toNanos();
        int ran = runPending();
        for (Task<?> t = nextDue(target); t != null; t = nextDue(target)) {
            synchronized (lock) {
                nowNanos = Math.max(nowNanos, t.time);
            }
            t.run();
            ran++;
            ran += runPending();
        }
        synchronized (lock) {
            nowNanos = target;
        }
        return ran;
    }

    /**
     * Returns how many tasks are waiting (due or not).
     *
     * @return the number of queued tasks
     */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private long nowNanos() {
        synchronized (lock) {
            return nowNanos;
        }
    }

    private Task<?> nextDue(long limit) {
        synchronized (lock) {
            Task<?> head = queue.peek();
            if (head == null || head.time > limit) {
                return null;
            }
            return queue.poll();
        }
    }

    private <V> Task<V> enqueue(Task<V> task) {
        synchronized (lock) {
            if (shutdown) {
                throw new java.util.concurrent.RejectedExecutionException("scheduler is shut down");
            }
            queue.add(task);
        }
        return task;
    }

    private long at(long delay, TimeUnit unit) {
        synchronized (lock) {
            return nowNanos + Math.max(0, unit.toNanos(delay));
        }
    }

    private long nextSequence() {
        synchronized (lock) {
            return sequence++;
        }
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(command, null, at(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, at(delay, unit)));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return enqueue(new Task<>(command, null, at(initialDelay, unit), unit.toNanos(requirePositive(period))));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return enqueue(new Task<>(command, null, at(initialDelay, unit), -unit.toNanos(requirePositive(delay))));
    }

    private static long requirePositive(long period) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return period;
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        synchronized (lock) {
            shutdown = true;
            List<Runnable> pending = new ArrayList<>(queue);
            queue.clear();
            return pending;
        }
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return shutdown && queue.isEmpty();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** A queued task; periodic ones re-queue themselves after running. */
    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private long time;
        private final long period; // > 0 fixed rate, < 0 fixed delay, 0 one-shot
        private final long seq = nextSequence();

        Task(Runnable r, V result, long time, long period) {
            super(r, result);
            this.time = time;
            this.period = period;
        }

        Task(Callable<V> c, long time) {
            super(c);
            this.time = time;
            this.period = 0;
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                synchronized (lock) {
                    time = period > 0 ? time + period : nowNanos - period;
                    if (!shutdown) {
                        queue.add(this);
                    }
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            synchronized (lock) {
                queue.remove(this);
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time - nowNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> t) {
                int c = Long.compare(time, t.time);
                return c != 0 ? c : Long.compare(seq, t.seq);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** The fake clock. */
    private final class ManualClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return EPOCH.plusNanos(nowNanos());
        }

        @Override
        public long millis() {
            return EPOCH.toEpochMilli() + nowNanos() / 1_000_000;
        }
    }
}
