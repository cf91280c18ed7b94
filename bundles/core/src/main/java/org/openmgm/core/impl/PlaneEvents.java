package org.openmgm.core.impl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.MulticastRouteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens on the MGM's event thread: the forwarding plane's upcalls (MFE creation, spec §5.8;
 * wrong-interface alerts, §5.11), route changes ([RES Q6]) and the once-a-second tick that expires
 * MFEs (§5.10). Upcalls are checked and copied on the plane's thread and queued; nothing here ever
 * makes the plane wait.
 */
final class PlaneEvents implements ForwardingUpcalls, MulticastRouteListener {

    private static final Logger log = LoggerFactory.getLogger(PlaneEvents.class);

    private final MgmState s;
    private final MfeOps mfes;
    private final MfeCreation creation;
    private final WrongInterfaceAlerts wrongIf;
    private final CallbackDispatcher dispatcher;
    private final Executor events;

    PlaneEvents(MgmState s, MfeOps mfes, MfeCreation creation, WrongInterfaceAlerts wrongIf,
                CallbackDispatcher dispatcher, Executor events) {
        this.s = s;
        this.mfes = mfes;
        this.creation = creation;
        this.wrongIf = wrongIf;
        this.dispatcher = dispatcher;
        this.events = events;
    }

    @Override
    public void noCacheEntry(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
        if (!valid(arrival, source, group)) {
            return;
        }
        s.counters.upcallsNoCache.increment();
        MfeCreation.Miss miss = new MfeCreation.Miss(arrival, source, group,
                Ipv4.key(Ipv4.toInt(source), Ipv4.toInt(group)), copy(header), false);
        events.execute(() -> creation.create(miss));
    }

    @Override
    public void wrongInterface(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header) {
        if (!valid(arrival, source, group)) {
            return;
        }
        s.counters.upcallsWrongInterface.increment();
        long key = Ipv4.key(Ipv4.toInt(source), Ipv4.toInt(group));
        ByteBuffer copy = copy(header);
        events.execute(() -> {
            Outbox out = new Outbox();
            s.lock.lock();
            try {
                MfeEntry m = s.stopped ? null : s.mfes.get(key);
                if (m != null) {
                    wrongIf.alert(m, arrival, copy, out);
                }
            } finally {
                s.lock.unlock();
            }
            dispatcher.deliver(out);
        });
    }

    @Override
    public void routesChanged(Prefix prefix) {
        routesChanged(prefix, Prefix.ANY_V4);
    }

    @Override
    public void routesChanged(Prefix prefix, Prefix groups) {
        if (prefix == null || groups == null) {
            return;
        }
        events.execute(() -> {
            Outbox out = new Outbox();
            s.lock.lock();
            try {
                if (s.stopped || !s.settings.revalidateOnRouteChange()) {
                    return;
                }
                List<MfeEntry> covered = new ArrayList<>();
                for (MfeEntry m : s.mfes.after(null)) {
                    if (prefix.contains(Ipv4.toAddress(m.source())) && groups.contains(Ipv4.toAddress(m.group()))) {
                        covered.add(m);
                    }
                }
                for (MfeEntry m : covered) {
                    mfes.delete(m, MfeDeletionReason.ROUTE_CHANGED, out);
                }
                if (!covered.isEmpty()) {
                    log.debug("Route change {} for groups {}: deleted {} MFEs for re-creation", prefix, groups,
                            covered.size());
                }
            } finally {
                s.lock.unlock();
            }
            dispatcher.deliver(out);
        });
    }

    /** Expires MFEs whose lifetime ran out (spec §2.7.6, §5.10); runs once a second. */
    void tick() {
        Outbox out = new Outbox();
        s.lock.lock();
        try {
            if (s.stopped) {
                return;
            }
            for (MfeEntry m : s.mfes.wheel.advance(s.now())) {
                mfes.delete(m, MfeDeletionReason.EXPIRED, out);
            }
            wrongIf.expire();
        } finally {
            s.lock.unlock();
        }
        dispatcher.deliver(out);
    }

    private boolean valid(InterfaceId arrival, InetAddress source, InetAddress group) {
        boolean ok = arrival != null && source instanceof Inet4Address && group instanceof Inet4Address
                && group.isMulticastAddress() && !source.isMulticastAddress() && !source.isAnyLocalAddress();
        if (!ok) {
            s.counters.upcallsIgnored.increment();
            log.debug("Ignoring upcall for ({}, {}) on {}", source, group, arrival);
        }
        return ok;
    }

    private static ByteBuffer copy(ByteBuffer header) {
        if (header == null || !header.hasRemaining()) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        ByteBuffer b = ByteBuffer.allocate(header.remaining());
        b.put(header.duplicate()).flip();
        return b.asReadOnlyBuffer();
    }
}
