package org.openmgm.protocol.igmpproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proxy's configuration, PID {@value #PID}: {@code upstream} (the one interface toward the
 * sources and the upstream router, where this router acts as a host) and {@code downstream} (the
 * interfaces with receivers, where IGMP runs as a router: give each an {@code
 * etc/org.openmgm.igmp-<name>.cfg}). Interfaces are names or indices.
 *
 * @param upstream the upstream interface
 * @param downstream the downstream interfaces
 */
record ProxySettings(String upstream, List<String> downstream) {

    /** The configuration PID. */
    static final String PID = "org.openmgm.protocol.igmpproxy";

    /**
     * The settings, or the problems that prevent them.
     *
     * @param settings the settings, {@code null} when there are problems
     * @param problems each problem, naming the key and the value
     */
    record Parsed(ProxySettings settings, List<String> problems) {
    }

    static Parsed parse(Map<String, ?> props) {
        List<String> problems = new ArrayList<>();
        Object up = props.get("upstream");
        String upstream = up == null ? "" : up.toString().strip();
        List<String> downstream = new ArrayList<>();
        Object raw = props.get("downstream");
        Iterable<?> items = raw == null ? List.of() : raw instanceof Iterable<?> it ? it
                : raw instanceof String[] a ? List.of(a) : List.of(raw.toString());
        for (Object item : items) {
            for (String w : item.toString().replaceAll("[\\[\\]]", "").split("[,\\s]+")) {
                if (!w.isEmpty() && !downstream.contains(w)) {
                    downstream.add(w);
                }
            }
        }
        if (upstream.isEmpty() || upstream.contains(",") || upstream.contains(" ")) {
            problems.add("upstream = '" + upstream + "': exactly one interface is required (RFC 4605 §2)");
        }
        if (downstream.isEmpty()) {
            problems.add("downstream = '" + (raw == null ? "" : raw) + "': at least one interface is required");
        }
        if (downstream.contains(upstream)) {
            problems.add("downstream = '" + raw + "' names the upstream interface " + upstream);
        }
        return problems.isEmpty() ? new Parsed(new ProxySettings(upstream, List.copyOf(downstream)), List.of())
                : new Parsed(null, problems);
    }
}
