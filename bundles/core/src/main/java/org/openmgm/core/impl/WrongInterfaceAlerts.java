package org.openmgm.core.impl;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.core.impl.util.Ipv4;

/**
 * Wrong-interface alerts (spec §4.8, [RES Q44]): only for an existing MFE whose iif differs from
 * the arrival interface, to the component owning the arrival interface (none if unowned), behind
 * the {@code wrongIfAlerts.enabled} switch, and at most one per (S,G, arrival interface) per
 * {@code wrongIfAlerts.minIntervalMs}. Runs under the MGM lock.
 */
final class WrongInterfaceAlerts {

    private record Key(long sg, InterfaceId arrival) {
    }

    private final MgmState s;
    private final Map<Key, Long> lastAlert = new HashMap<>();

    WrongInterfaceAlerts(MgmState s) {
        this.s = s;
    }

    /** Considers an alert for a packet of {@code m} that arrived on {@code arrival}. */
    void alert(MfeEntry m, InterfaceId arrival, ByteBuffer header, Outbox out) {
        if (!s.settings.wrongIfAlertsEnabled() || arrival.equals(m.iif.id)) {
            return;
        }
        Client owner = s.componentOf(s.interfaces.held(arrival));
        if (owner == null) {
            return;
        }
        long now = s.now();
        Key k = new Key(m.key, arrival);
        Long last = lastAlert.get(k);
        if (last != null && now - last < s.settings.wrongIfMinIntervalMs()) {
            s.counters.wrongInterfaceAlertsLimited.increment();
            return;
        }
        lastAlert.put(k, now);
        InetAddress source = Ipv4.toAddress(m.source());
        InetAddress group = Ipv4.toAddress(m.group());
        ByteBuffer copy = header.asReadOnlyBuffer();
        out.add(owner, CallbackKind.WRONG_INTERFACE, arrival, p -> p.wrongInterface(source, group, arrival,
                copy.duplicate()));
    }

    /** Forgets rate-limit state older than the interval (called from the periodic tick). */
    void expire() {
        long horizon = s.now() - s.settings.wrongIfMinIntervalMs();
        for (Iterator<Long> it = lastAlert.values().iterator(); it.hasNext(); ) {
            if (it.next() < horizon) {
                it.remove();
            }
        }
    }

    void clear() {
        lastAlert.clear();
    }
}
