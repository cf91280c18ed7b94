package org.openmgm.shell.impl;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.ProtocolId;

/**
 * Pieces of the command models that several commands share: how an interface, its owners and
 * protocol ids appear in JSON, and a snapshot of who holds which interface.
 */
public final class Models {

    private Models() {
    }

    /** Who holds each interface and what each protocol is called, taken once per command. */
    public static final class Owners {
        private final Map<InterfaceId, InterfaceOwnership> byInterface = new HashMap<>();
        private final Map<ProtocolId, String> names;

        /**
         * Takes the snapshot.
         *
         * @param view the router
         */
        public Owners(RouterView view) {
            for (InterfaceOwnership o : view.mgm().interfaces()) {
                byInterface.put(o.id(), o);
            }
            names = view.protocolNames();
        }

        /**
         * Returns who holds an interface.
         *
         * @param id the interface
         * @return the ownership, if held
         */
        public Optional<InterfaceOwnership> of(InterfaceId id) {
            return Optional.ofNullable(byInterface.get(id));
        }

        /**
         * Names who holds an interface: {@code igmp}, {@code example}, {@code example+igmp}, or
         * {@code -} for nobody.
         *
         * @param id the interface
         * @return the text
         */
        public String text(InterfaceId id) {
            return of(id).map(o -> RouterView.owners(o, names)).orElse("-");
        }

        /**
         * Names a protocol.
         *
         * @param id the protocol
         * @return its name, or its id when it is not registered
         */
        public String name(ProtocolId id) {
            return names.getOrDefault(id, id.toString());
        }

        /**
         * Tells whether a protocol holds an interface (as routing protocol or as IGMP).
         *
         * @param id the interface
         * @param protocol the protocol
         * @return {@code true} if it holds it
         */
        public boolean heldBy(InterfaceId id, ProtocolId protocol) {
            return of(id).map(o -> o.routingProtocol().equals(Optional.of(protocol))
                    || o.igmp().equals(Optional.of(protocol))).orElse(false);
        }
    }

    /**
     * An interface in JSON: {@code {"ifIndex": 101, "name": "sim101", "owner": "igmp"}} (and {@code
     * nextHop} for a point-to-multipoint link).
     *
     * @param view the router, for names
     * @param id the interface
     * @param owners who holds what, or {@code null} to leave the owner out
     * @return the JSON object
     */
    public static Map<String, Object> iface(RouterView view, InterfaceId id, Owners owners) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ifIndex", id.ifIndex());
        if (id.isPointToMultipointLink()) {
            m.put("nextHop", id.nextHop().getHostAddress());
        }
        m.put("name", view.ifName(id));
        if (owners != null) {
            Optional<InterfaceOwnership> o = owners.of(id);
            m.put("owner", o.map(x -> RouterView.owners(x, ownerNames(owners))).orElse(null));
            m.put("ownerProtocols", o.map(x -> {
                List<String> ids = new java.util.ArrayList<>();
                x.routingProtocol().ifPresent(p -> ids.add(p.toString()));
                x.igmp().ifPresent(p -> ids.add(p.toString()));
                return (Object) ids;
            }).orElse(List.of()));
        }
        return m;
    }

    private static Map<ProtocolId, String> ownerNames(Owners owners) {
        return owners.names;
    }

    /**
     * An address in JSON.
     *
     * @param a the address, or {@code null}
     * @return its numeric text, or {@code null}
     */
    public static String ip(InetAddress a) {
        return a == null ? null : a.getHostAddress();
    }

    /**
     * Wraps rows under the command's name: {@code {"mroute": [...]}}.
     *
     * @param key the name
     * @param rows the rows
     * @return the model
     */
    public static Map<String, Object> rows(String key, List<?> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, rows);
        return m;
    }

    /**
     * Reads a JSON-shaped model back (for the text renderers, which work from the same model).
     *
     * @param model the model
     * @param key the list's name
     * @return the rows
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rowsOf(Object model, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) model).get(key);
    }

    /**
     * Reads a nested object of a row.
     *
     * @param row the row
     * @param key the field
     * @return the object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Map<String, Object> row, String key) {
        return (Map<String, Object>) row.get(key);
    }

    /**
     * Reads a nested list of a row.
     *
     * @param row the row
     * @param key the field
     * @return the list
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> row, String key) {
        return (List<Map<String, Object>>) row.get(key);
    }

    /**
     * Names an interface object for text: {@code sim101 (igmp)}.
     *
     * @param iface the JSON object of {@link #iface}
     * @return the text
     */
    public static String ifaceText(Map<String, Object> iface) {
        Object owner = iface.get("owner");
        return iface.get("name") + (owner == null ? "" : " (" + owner + ")");
    }
}
