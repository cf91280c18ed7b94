package org.openmgm.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A snapshot of one registered client of the MGM, for administrative views.
 *
 * @param id the protocol and component numbers
 * @param name a human-readable protocol name (the {@code mgm.protocol.name} service property, or
 *     a name derived from the id)
 * @param igmp whether the MGM treats this client as IGMP (spec [RES Q9])
 * @param bundle the symbolic name of the bundle that registered it, or {@code "-"} outside OSGi
 * @param interfaces the interfaces it holds, in {@link InterfaceId} order
 * @param callbacks how its callbacks went, by callback name (e.g. {@code local-join}, {@code
 *     rpf}), in name order; only the callbacks it implements and was called with appear
 */
public record RegisteredProtocol(ProtocolId id, String name, boolean igmp, String bundle,
                                 SortedSet<InterfaceId> interfaces, Map<String, CallbackCounts> callbacks) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public RegisteredProtocol {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundle, "bundle");
        interfaces = Collections.unmodifiableSortedSet(new TreeSet<>(interfaces));
        callbacks = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(callbacks, "callbacks")));
    }

    /**
     * A snapshot without callback counts.
     *
     * @param id the protocol and component numbers
     * @param name a human-readable protocol name
     * @param igmp whether the MGM treats this client as IGMP
     * @param bundle the symbolic name of the bundle that registered it
     * @param interfaces the interfaces it holds
     */
    public RegisteredProtocol(ProtocolId id, String name, boolean igmp, String bundle,
                              SortedSet<InterfaceId> interfaces) {
        this(id, name, igmp, bundle, interfaces, Map.of());
    }

    /**
     * Adds up the callback counts of every kind.
     *
     * @return the totals over all callbacks
     */
    public CallbackCounts callbackTotals() {
        long d = 0;
        long f = 0;
        long sl = 0;
        long sk = 0;
        long st = 0;
        for (CallbackCounts c : callbacks.values()) {
            d += c.delivered();
            f += c.failed();
            sl += c.slow();
            sk += c.skipped();
            st += c.stalled();
        }
        return new CallbackCounts(d, f, sl, sk, st);
    }
}
