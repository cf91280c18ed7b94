package org.openmgm.core.impl;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.ReversePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multicast view as the MGM uses it: every bound {@link MulticastRouteLookup}, asked in order
 * of service ranking (highest first, then the oldest), the first answer winning. A lookup that
 * throws is logged and skipped.
 */
public final class RouteLookups {

    private static final Logger log = LoggerFactory.getLogger(RouteLookups.class);

    private record Ranked(MulticastRouteLookup lookup, int ranking, long order) {
    }

    private final List<Ranked> lookups = new CopyOnWriteArrayList<>();
    private long nextOrder;

    public synchronized void add(MulticastRouteLookup lookup, int ranking) {
        lookups.add(new Ranked(lookup, ranking, nextOrder++));
        lookups.sort(Comparator.comparingInt(Ranked::ranking).reversed().thenComparingLong(Ranked::order));
    }

    public synchronized void remove(MulticastRouteLookup lookup) {
        lookups.removeIf(r -> r.lookup() == lookup);
    }

    Optional<ReversePath> lookup(InetAddress source, InetAddress group) {
        for (Ranked r : lookups) {
            try {
                Optional<ReversePath> path = r.lookup().lookup(source, group);
                if (path != null && path.isPresent()) {
                    return path;
                }
            } catch (RuntimeException e) {
                log.warn("Route lookup {} failed for {}; trying the next", r.lookup(), source.getHostAddress(), e);
            }
        }
        return Optional.empty();
    }
}
