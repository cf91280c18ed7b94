package org.openmgm.protocol.staticroutes;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the static protocol holds in the MGM, counted: several routes may need the same interface
 * or the same membership (a (*,G) route and a (*,G/len) route both reaching G on eth2), and the
 * MGM keeps each once (spec [RES Q16]). The MGM call is made when a count leaves or reaches zero,
 * under a lock held only for that call, so that callbacks on other threads (which materialise
 * prefix routes) never wait for a whole reconfiguration.
 */
final class HeldState {

    private static final Logger log = LoggerFactory.getLogger(HeldState.class);

    private record Held(SourceGroup key, InterfaceId ifId) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InterfaceId, Integer> interfaces = new HashMap<>();
    private final Map<Held, Integer> memberships = new HashMap<>();

    /** Takes an interface (first reference); returns whether the protocol holds it now. */
    boolean take(ProtocolRegistration r, InterfaceId ifId) {
        lock.lock();
        try {
            int n = interfaces.getOrDefault(ifId, 0);
            if (n == 0) {
                try {
                    r.takeInterface(ifId);
                } catch (MgmException e) {
                    if (e.status() != MgmStatus.ALREADY_EXISTS || !r.interfaces().contains(ifId)) {
                        log.error("static routes cannot use {}: {}", ifId, e.getMessage());
                        return false;
                    }
                }
            }
            interfaces.put(ifId, n + 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops a reference to an interface; releases it with the last (the MGM purges its MFEs). */
    void release(ProtocolRegistration r, InterfaceId ifId) {
        lock.lock();
        try {
            int n = interfaces.getOrDefault(ifId, 0);
            if (n <= 1) {
                interfaces.remove(ifId);
                if (n == 1) {
                    try {
                        r.releaseInterface(ifId);
                    } catch (MgmException e) {
                        log.debug("Releasing {}: {}", ifId, e.getMessage());
                    }
                }
            } else {
                interfaces.put(ifId, n - 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds a reference to a JOIN membership; joins with the first. */
    void join(ProtocolRegistration r, SourceGroup key, InterfaceId ifId) {
        lock.lock();
        try {
            Held h = new Held(key, ifId);
            int n = memberships.getOrDefault(h, 0);
            if (n == 0) {
                try {
                    r.addMembership(key, ifId);
                } catch (MgmException e) {
                    log.error("static route cannot join {} on {}: {}", key, ifId, e.getMessage());
                    return;
                }
            }
            memberships.put(h, n + 1);
        } finally {
            lock.unlock();
        }
    }

    /** Drops a reference to a JOIN membership; leaves with the last. */
    void leave(ProtocolRegistration r, SourceGroup key, InterfaceId ifId) {
        lock.lock();
        try {
            Held h = new Held(key, ifId);
            int n = memberships.getOrDefault(h, 0);
            if (n <= 1) {
                memberships.remove(h);
                if (n == 1) {
                    try {
                        r.deleteMembership(key, ifId);
                    } catch (MgmException e) {
                        log.debug("Leaving {} on {}: {}", key, ifId, e.getMessage());
                    }
                }
            } else {
                memberships.put(h, n - 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets everything (the MGM forgot it: the registration ended). */
    void clear() {
        lock.lock();
        try {
            interfaces.clear();
            memberships.clear();
        } finally {
            lock.unlock();
        }
    }

    int membershipCount() {
        lock.lock();
        try {
            return memberships.size();
        } finally {
            lock.unlock();
        }
    }
}
