package org.openmgm.igmp.impl.glue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.openmgm.api.InterfaceId;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpMembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The membership listeners, each call isolated: one that throws is logged and counted and the
 * others are still called (the guarantee of {@link IgmpMembershipListener}). Changed only on the
 * IGMP thread; iterated there.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    /** A listener and the key it was added under (itself, or its service reference). */
    private record Entry(Object key, IgmpMembershipListener listener) {
    }

    private final List<Entry> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();

    void add(Object key, IgmpMembershipListener l) {
        listeners.add(new Entry(key, l));
    }

    void remove(Object key) {
        listeners.removeIf(e -> e.key().equals(key));
    }

    void interfaceStarted(InterfaceId ifId) {
        each(l -> l.interfaceStarted(ifId));
    }

    void interfaceStopped(InterfaceId ifId) {
        each(l -> l.interfaceStopped(ifId));
    }

    void groupChanged(InterfaceId ifId, IgmpGroup group) {
        each(l -> l.groupChanged(ifId, group));
    }

    static void isolated(IgmpMembershipListener l, Consumer<IgmpMembershipListener> call, LongAdder failures) {
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            failures.increment();
            log.error("IGMP membership listener {} failed", l, e);
        }
    }

    /** Calls one listener (feeding a newcomer), isolated like the others. */
    void one(IgmpMembershipListener l, Consumer<IgmpMembershipListener> call) {
        isolated(l, call, failures);
    }

    private void each(Consumer<IgmpMembershipListener> call) {
        for (Entry e : listeners) {
            isolated(e.listener(), call, failures);
        }
    }

    long failures() {
        return failures.sum();
    }
}
