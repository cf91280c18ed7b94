package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Duration;

/**
 * One source record of a group (RFC 3376 §6.2.1): the source address, its source timer and its
 * group-and-source-specific query retransmission counter (§6.6.3.2). Its {@link GroupState} arms
 * the timer and handles its expiry, because what expiry means depends on the group's filter mode.
 */
final class SourceState {

    final InetAddress address;

    /**
     * RFC 3376 §6.2.1 source timer. Stopped when it is zero: in EXCLUDE mode the source is then
     * on the Exclude List and blocked (§6.3); in INCLUDE mode a source never stays at zero, it is
     * deleted.
     */
    final LazyTimer timer;

    /** RFC 3376 §6.6.3.2: how many more group-and-source-specific queries must carry this source. */
    int retransmissionsLeft;

    SourceState(InetAddress address, InterfaceContext ctx, java.util.function.Consumer<SourceState> expired) {
        this.address = address;
        this.timer = new LazyTimer(ctx, () -> expired.accept(this));
    }

    /** Time left on the source timer; zero when stopped or due. */
    Duration timerLeft() {
        return timer.left();
    }

    /** Whether the source timer runs (the source is requested, §6.3). */
    boolean running() {
        return !timerLeft().isZero();
    }

    void cancelTimer() {
        timer.stop();
    }
}
