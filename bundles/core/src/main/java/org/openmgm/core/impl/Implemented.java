package org.openmgm.core.impl;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.openmgm.spi.MulticastRoutingProtocol;

/**
 * Which callbacks a protocol implements. A callback left to the interface's empty default is the
 * counterpart of a null slot in the original callback table, which the MGM skips (spec [RES Q23]):
 * skipping it saves the dispatch on hot paths and keeps the counters honest.
 */
final class Implemented {

    private static final Map<CallbackKind, String> METHODS = Map.ofEntries(
            Map.entry(CallbackKind.RPF, "rpf"),
            Map.entry(CallbackKind.CREATION_ALERT, "creationAlert"),
            Map.entry(CallbackKind.DELETION_ALERT, "deletionAlert"),
            Map.entry(CallbackKind.JOIN_ALERT, "joinAlert"),
            Map.entry(CallbackKind.PRUNE_ALERT, "pruneAlert"),
            Map.entry(CallbackKind.WRONG_INTERFACE, "wrongInterface"),
            Map.entry(CallbackKind.LOCAL_JOIN, "localJoin"),
            Map.entry(CallbackKind.LOCAL_LEAVE, "localLeave"),
            Map.entry(CallbackKind.DISABLE_IGMP, "disableIgmp"),
            Map.entry(CallbackKind.ENABLE_IGMP, "enableIgmp"),
            Map.entry(CallbackKind.ATTACHED, "attached"),
            Map.entry(CallbackKind.DETACHED, "detached"));

    private Implemented() {
    }

    /** The callbacks the protocol's class (or a superclass) overrides. */
    static Set<CallbackKind> by(MulticastRoutingProtocol protocol) {
        EnumSet<CallbackKind> kinds = EnumSet.noneOf(CallbackKind.class);
        for (Method m : protocol.getClass().getMethods()) {
            if (m.getDeclaringClass() != MulticastRoutingProtocol.class) {
                for (Map.Entry<CallbackKind, String> e : METHODS.entrySet()) {
                    if (e.getValue().equals(m.getName()) && declared(m)) {
                        kinds.add(e.getKey());
                    }
                }
            }
        }
        return kinds;
    }

    /** Whether {@code m} implements a method of the callback interface (same name and parameters). */
    private static boolean declared(Method m) {
        try {
            MulticastRoutingProtocol.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
