package org.openmgm.protocol.staticroutes;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;

/**
 * Reads static routes: from one factory configuration ({@code from}, {@code group}, {@code
 * source}, {@code to}), or from smcroute's configuration syntax, so that a user can migrate with
 * the file they have. Every problem is reported with its key and value, or its line number, and
 * what can be read is kept.
 *
 * <p>smcroute lines understood: {@code mroute from IF [source ADDR] group ADDR[/LEN] to IF [IF
 * ...]}, {@code phyint IF [enable|disable]} (interfaces are usable without it: accepted, nothing
 * to do), comments ({@code #}) and blank lines. Anything else — {@code mgroup} (joining as a host,
 * not routing), {@code ttl-threshold}, source ranges, unknown keywords — is reported by line number.
 */
public final class RouteParser {

    /**
     * The routes read and the problems found.
     *
     * @param routes the valid routes, in configuration order
     * @param problems one message per problem, naming the key and value or the line
     */
    public record Result(List<StaticRoute> routes, List<String> problems) {
        /** Copies. */
        public Result {
            routes = List.copyOf(routes);
            problems = List.copyOf(problems);
        }
    }

    private RouteParser() {
    }

    /**
     * Reads one factory configuration: {@code from} (interface), {@code group} ({@code G} or
     * {@code G/len}), optional {@code source}, {@code to} (interfaces separated by commas or
     * blanks).
     *
     * @param props the configuration
     * @param origin names it in messages
     * @return the route or the problems
     */
    public static Result fromConfig(Map<String, ?> props, String origin) {
        List<String> problems = new ArrayList<>();
        String from = text(props.get("from"));
        String group = text(props.get("group"));
        String source = text(props.get("source"));
        List<String> to = words(props.get("to"));
        if (from == null) {
            problems.add(origin + ": from is required (the inbound interface, e.g. from = eth0)");
        }
        if (group == null) {
            problems.add(origin + ": group is required (e.g. group = 239.1.1.1 or 239.1.0.0/16)");
        }
        if (to.isEmpty()) {
            problems.add(origin + ": to is required (the outbound interfaces, e.g. to = eth1, eth2)");
        }
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems);
        }
        StaticRoute r = build(from, source, group, to, origin, "source", "group", "to", problems);
        return new Result(r == null ? List.of() : List.of(r), problems);
    }

    /**
     * Reads smcroute configuration text.
     *
     * @param lines the file's lines
     * @param file names the file in messages
     * @return the routes and the problems
     */
    public static Result fromSmcroute(List<String> lines, String file) {
        List<StaticRoute> routes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int hash = line.indexOf('#');
            String[] w = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            String where = file + " line " + (n + 1);
            if (w.length == 1 && w[0].isEmpty()) {
                continue;
            }
            switch (w[0]) {
                case "mroute" -> {
                    StaticRoute r = mroute(w, where, problems);
                    if (r != null) {
                        routes.add(r);
                    }
                }
                case "phyint" -> {
                    if (w.length < 2 || w.length > 3 || (w.length == 3 && !w[2].equals("enable")
                            && !w[2].equals("disable"))) {
                        problems.add(where + ": unsupported phyint form '" + line.trim()
                                + "' (supported: phyint IF [enable|disable])");
                    }
                }
                case "mgroup", "ssmgroup" -> problems.add(where + ": " + w[0] + " (joining a group as a host) is not "
                        + "routing and is not supported; use a receiver on that network or IGMP");
                default -> problems.add(where + ": unknown statement '" + w[0] + "'");
            }
        }
        return new Result(routes, problems);
    }

    private static StaticRoute mroute(String[] w, String where, List<String> problems) {
        // mroute from IF [source ADDR] group ADDR[/LEN] to IF [IF ...]
        List<String> words = Arrays.asList(w);
        int from = words.indexOf("from");
        int group = words.indexOf("group");
        int to = words.indexOf("to");
        int source = words.indexOf("source");
        if (from != 1 || group < 0 || to < 0 || to < group || from + 1 >= w.length || group + 1 >= w.length) {
            problems.add(where + ": expected 'mroute from IF [source ADDR] group ADDR[/LEN] to IF...'");
            return null;
        }
        List<String> outs = words.subList(to + 1, w.length);
        if (outs.isEmpty()) {
            problems.add(where + ": no outbound interface after 'to'");
            return null;
        }
        String src = source > 0 ? (source + 1 < w.length ? w[source + 1] : "") : null;
        return build(w[from + 1], src, w[group + 1], outs, where, "source", "group", "to", problems);
    }

    private static StaticRoute build(String from, String source, String group, List<String> to, String origin,
                                     String sourceKey, String groupKey, String toKey, List<String> problems) {
        Prefix g;
        try {
            g = Prefix.parse(group);
        } catch (MgmException e) {
            problems.add(origin + ": " + groupKey + " '" + group + "' is not an address or prefix: " + e.getMessage());
            return null;
        }
        if (!g.address().isMulticastAddress()) {
            problems.add(origin + ": " + groupKey + " '" + group + "' is not a multicast group");
            return null;
        }
        if (g.length() < 4) {
            problems.add(origin + ": " + groupKey + " '" + group + "' reaches beyond the multicast range 224.0.0.0/4");
            return null;
        }
        if (g.isHost() && g.address().getAddress()[0] == (byte) 224 && g.address().getAddress()[1] == 0
                && g.address().getAddress()[2] == 0) {
            problems.add(origin + ": " + groupKey + " '" + group + "' is link-local (224.0.0.x), never routed");
            return null;
        }
        InetAddress s = null;
        if (source != null && !source.equals("*")) {
            Prefix sp;
            try {
                sp = Prefix.parse(source);
            } catch (MgmException e) {
                problems.add(origin + ": " + sourceKey + " '" + source + "' is not an address: " + e.getMessage());
                return null;
            }
            if (!sp.isHost()) {
                problems.add(origin + ": " + sourceKey + " '" + source + "': source ranges are not supported; "
                        + "give one source or none");
                return null;
            }
            if (sp.address().isMulticastAddress() || sp.address().isAnyLocalAddress()) {
                problems.add(origin + ": " + sourceKey + " '" + source + "' is not a unicast source");
                return null;
            }
            if (!g.isHost()) {
                problems.add(origin + ": a source with a group range '" + group + "' is not supported");
                return null;
            }
            s = sp.address();
        }
        if (to.contains(from)) {
            problems.add(origin + ": " + toKey + " names the inbound interface " + from
                    + " too; data is never sent back where it came from");
            return null;
        }
        return new StaticRoute(s, g, from, to, origin);
    }

    private static String text(Object raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** Interfaces separated by commas and/or blanks; also a String[] or collection from a .config file. */
    static List<String> words(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        Iterable<?> items = raw instanceof Iterable<?> it ? it : raw instanceof String[] a ? List.of(a)
                : List.of(raw.toString());
        for (Object item : items) {
            for (String w : item.toString().replaceAll("[\\[\\]]", "").split("[,\\s]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
