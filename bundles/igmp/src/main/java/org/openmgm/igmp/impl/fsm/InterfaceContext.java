package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.spi.IgmpGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the collaborators of one {@link IgmpInterfaceRouter} share: the injected time, port and
 * counters, the configuration, the timer values in force and the querier flag. Confined to the
 * interface's thread like everything else in this package.
 *
 * <p>Calls out through the port are isolated (STYLE.md §9.6 rule 20): an exception from the glue is
 * logged and swallowed so that the state machine, whose state is already consistent when it calls
 * out, carries on. Timer tasks are wrapped the same way.
 */
final class InterfaceContext {

    private static final Logger log = LoggerFactory.getLogger(InterfaceContext.class);

    final InetAddress localAddress;
    final ScheduledExecutorService timers;
    final Clock clock;
    final IgmpCounters counters;
    private final IgmpRouterPort port;
    private IgmpConfig config;
    private Intervals intervals;
    private boolean querier;

    InterfaceContext(InetAddress localAddress, IgmpConfig config, ScheduledExecutorService timers, Clock clock,
                     IgmpRouterPort port, IgmpCounters counters) {
        this.localAddress = localAddress;
        this.config = config;
        this.timers = timers;
        this.clock = clock;
        this.port = port;
        this.counters = counters;
        this.intervals = Intervals.of(config, 0, null);
    }

    IgmpConfig config() {
        return config;
    }

    void config(IgmpConfig newConfig) {
        this.config = newConfig;
    }

    /** The timer values in force (configured, or adopted from the querier by a non-querier). */
    Intervals intervals() {
        return intervals;
    }

    void intervals(Intervals values) {
        this.intervals = values;
    }

    /** Whether this router is the querier of the link (RFC 3376 §6.6.2); false while stopped. */
    boolean isQuerier() {
        return querier;
    }

    void querier(boolean isQuerier) {
        this.querier = isQuerier;
    }

    /** Schedules a one-shot task on the interface's thread; an exception it throws is logged, not lost. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return timers.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("IGMP timer task failed on {}", localAddress.getHostAddress(), e);
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Sends a query through the port and counts it. */
    void send(MembershipQuery query, InetAddress destination, IgmpCounters.Message counter) {
        counters.count(counter);
        log.debug("Send {} to {} on {}", query, destination.getHostAddress(), localAddress.getHostAddress());
        try {
            port.sendQuery(query, destination);
        } catch (RuntimeException e) {
            log.warn("Sending an IGMP query on {} failed", localAddress.getHostAddress(), e);
        }
    }

    /** Announces a group's state through the port. */
    void publish(IgmpGroup group) {
        log.debug("Group changed on {}: {}", localAddress.getHostAddress(), group);
        try {
            port.groupChanged(group);
        } catch (RuntimeException e) {
            log.warn("The IGMP membership listener of {} failed on {}", localAddress.getHostAddress(), group, e);
        }
    }

    /** Time left on a timer: zero when it is absent or due. */
    static Duration left(ScheduledFuture<?> timer) {
        if (timer == null) {
            return Duration.ZERO;
        }
        long nanos = timer.getDelay(TimeUnit.NANOSECONDS);
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    /** Cancels a timer, if any. */
    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
