package org.openmgm.igmp.impl.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.testing.ManualScheduler;

/** The timers behind groups and sources expire exactly when last set, however often they are pushed. */
class LazyTimerTest {

    final ManualScheduler time = new ManualScheduler();
    final List<Duration> fired = new ArrayList<>();
    final InterfaceContext ctx = new InterfaceContext(address("10.0.0.1"), IgmpConfig.DEFAULTS, time, time.clock(),
            new IgmpRouterPort() {
                @Override
                public void sendQuery(MembershipQuery query, InetAddress destination) {
                }

                @Override
                public void groupChanged(IgmpGroup group) {
                }
            }, new IgmpCounters());
    final LazyTimer timer = new LazyTimer(ctx, () -> fired.add(time.elapsed()));

    @Test
    void pushedLaterItExpiresAtTheLastDeadlineOnly() {
        timer.set(Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(4));
        timer.set(Duration.ofSeconds(10));                    // now due at 14 s
        time.advance(Duration.ofSeconds(7));
        timer.set(Duration.ofSeconds(10));                    // now due at 21 s

        assertEquals(Duration.ofSeconds(10), timer.left());
        assertEquals(1, time.queued(), "still one task in the scheduler");
        time.advance(Duration.ofSeconds(30));
        assertEquals(List.of(Duration.ofSeconds(21)), fired);
        assertFalse(timer.running());
        assertEquals(Duration.ZERO, timer.left());
    }

    @Test
    void loweredItExpiresEarlier() {
        timer.set(Duration.ofSeconds(260));
        time.advance(Duration.ofSeconds(5));
        timer.set(Duration.ofSeconds(2));                     // LMQT (§6.6.1)

        time.advance(Duration.ofSeconds(10));

        assertEquals(List.of(Duration.ofSeconds(7)), fired);
    }

    @Test
    void stoppedItNeverExpiresAndCanBeSetAgain() {
        timer.set(Duration.ofSeconds(3));
        timer.stop();
        time.advance(Duration.ofSeconds(10));
        assertTrue(fired.isEmpty());
        assertEquals(0, time.queued());

        timer.set(Duration.ofSeconds(1));
        assertTrue(timer.running());
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of(Duration.ofSeconds(11)), fired);
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
