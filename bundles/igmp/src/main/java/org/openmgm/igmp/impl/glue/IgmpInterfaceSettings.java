package org.openmgm.igmp.impl.glue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openmgm.api.Prefix;
import org.openmgm.igmp.impl.fsm.IgmpConfig;

/**
 * The IGMP configuration of one interface, from one factory configuration of PID {@value #PID}
 * (RFC 3376 §8 names and defaults; times in seconds, decimals allowed):
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code interface}</td><td>(required)</td><td>system name, e.g. {@code eth1}</td></tr>
 *   <tr><td>{@code version}</td><td>3</td><td>1, 2 or 3 (the lowest of the link's routers, §7.3.1)</td></tr>
 *   <tr><td>{@code robustness}</td><td>2</td><td>Robustness Variable, 1–7 (§8.1)</td></tr>
 *   <tr><td>{@code queryInterval}</td><td>125</td><td>Query Interval (§8.2)</td></tr>
 *   <tr><td>{@code queryResponseInterval}</td><td>10</td><td>Max Response Time of general queries (§8.3)</td></tr>
 *   <tr><td>{@code lastMemberQueryInterval}</td><td>1</td><td>§8.8</td></tr>
 *   <tr><td>{@code lastMemberQueryCount}</td><td>robustness</td><td>§8.9</td></tr>
 *   <tr><td>{@code startupQueryInterval}</td><td>queryInterval / 4</td><td>§8.6</td></tr>
 *   <tr><td>{@code startupQueryCount}</td><td>robustness</td><td>§8.7</td></tr>
 *   <tr><td>{@code fastLeave}</td><td>false</td><td>immediate leave (one host per group on the link)</td></tr>
 *   <tr><td>{@code ssmRange}</td><td>232.0.0.0/8</td><td>RFC 4607 §3; ASM requests there are ignored</td></tr>
 *   <tr><td>{@code maxGroups}</td><td>8192</td><td>groups kept; more are refused and counted</td></tr>
 *   <tr><td>{@code maxSourcesPerGroup}</td><td>1024</td><td>source records per group</td></tr>
 *   <tr><td>{@code requireRouterAlert}</td><td>true</td><td>drop IGMPv3 messages without Router Alert (§9)</td></tr>
 * </table>
 *
 * @param interfaceName the interface's system name
 * @param config the protocol configuration
 * @param requireRouterAlert whether IGMPv3 messages without the Router Alert option are dropped
 */
public record IgmpInterfaceSettings(String interfaceName, IgmpConfig config, boolean requireRouterAlert) {

    /** The factory PID: one configuration per interface. */
    public static final String PID = "org.openmgm.igmp";

    /**
     * A configuration problem: the key, the value as given, and what is wrong.
     *
     * @param key the configuration key
     * @param value the value as given
     * @param problem what is wrong with it
     */
    public record Problem(String key, Object value, String problem) {
        @Override
        public String toString() {
            return key + " = '" + value + "': " + problem;
        }
    }

    /**
     * The outcome of parsing: settings, or the problems that prevent them.
     *
     * @param settings the settings, {@code null} when there are problems
     * @param problems every problem found (empty when valid)
     */
    public record Parsed(IgmpInterfaceSettings settings, List<Problem> problems) {
        /** Tells whether the configuration was valid. */
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Parses one factory configuration; every bad key is reported, not only the first.
     *
     * @param props the configuration properties
     * @return the settings or the problems
     */
    public static Parsed parse(Map<String, ?> props) {
        Reader r = new Reader(props);
        String name = r.string("interface");
        int version = r.integer("version", 3, 1, 3);
        int robustness = r.integer("robustness", 2, 1, 7);
        Duration queryInterval = r.seconds("queryInterval", Duration.ofSeconds(125));
        Duration response = r.seconds("queryResponseInterval", Duration.ofSeconds(10));
        Duration lmqi = r.seconds("lastMemberQueryInterval", Duration.ofSeconds(1));
        int lmqc = r.integer("lastMemberQueryCount", robustness, 1, 7);
        Duration startupInterval = r.seconds("startupQueryInterval", queryInterval.dividedBy(4));
        int startupCount = r.integer("startupQueryCount", robustness, 1, 7);
        boolean fastLeave = r.bool("fastLeave", false);
        Prefix ssm = r.prefix("ssmRange", Prefix.parse("232.0.0.0/8"));
        int maxGroups = r.integer("maxGroups", 8192, 1, 1_000_000);
        int maxSources = r.integer("maxSourcesPerGroup", 1024, 1, 65_536);
        boolean routerAlert = r.bool("requireRouterAlert", true);
        if (name == null || name.isBlank()) {
            r.problems.add(new Problem("interface", name, "required: the interface's system name, e.g. eth1"));
        }
        if (!r.problems.isEmpty()) {
            return new Parsed(null, List.copyOf(r.problems));
        }
        try {
            IgmpConfig config = new IgmpConfig(version, robustness, queryInterval, response, lmqi, lmqc,
                    startupInterval, startupCount, fastLeave, ssm, maxGroups, maxSources);
            return new Parsed(new IgmpInterfaceSettings(name.strip(), config, routerAlert), List.of());
        } catch (IllegalArgumentException e) {
            // IgmpConfig names the field ("queryResponseInterval = PT2M is out of range ...").
            String field = e.getMessage().split(" ", 2)[0];
            return new Parsed(null, List.of(new Problem(field, props.get(field), e.getMessage())));
        }
    }

    /** Reads typed values, collecting problems instead of stopping at the first. */
    private static final class Reader {
        final Map<String, ?> props;
        final List<Problem> problems = new ArrayList<>();

        Reader(Map<String, ?> props) {
            this.props = props;
        }

        String string(String key) {
            Object v = props.get(key);
            return v == null ? null : v.toString();
        }

        int integer(String key, int dflt, int min, int max) {
            Object v = props.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                int i = v instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(v.toString().strip());
                if (i < min || i > max) {
                    problems.add(new Problem(key, v, "must be between " + min + " and " + max));
                    return dflt;
                }
                return i;
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(new Problem(key, v, "not a whole number"));
                return dflt;
            }
        }

        Duration seconds(String key, Duration dflt) {
            Object v = props.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                BigDecimal s = new BigDecimal(v.toString().strip());
                if (s.signum() <= 0 || s.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                    problems.add(new Problem(key, v, "must be more than 0 and at most 86400 seconds"));
                    return dflt;
                }
                return Duration.ofMillis(s.movePointRight(3).longValue());
            } catch (NumberFormatException e) {
                problems.add(new Problem(key, v, "not a number of seconds (e.g. 125 or 0.5)"));
                return dflt;
            }
        }

        boolean bool(String key, boolean dflt) {
            Object v = props.get(key);
            if (v == null) {
                return dflt;
            }
            String s = v.toString().strip().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            problems.add(new Problem(key, v, "must be true or false"));
            return dflt;
        }

        Prefix prefix(String key, Prefix dflt) {
            Object v = props.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                Prefix p = Prefix.parse(v.toString().strip());
                if (!p.address().isMulticastAddress()) {
                    problems.add(new Problem(key, v, "must be a multicast prefix such as 232.0.0.0/8"));
                    return dflt;
                }
                return p;
            } catch (RuntimeException e) {
                problems.add(new Problem(key, v, "not a prefix such as 232.0.0.0/8 (" + e.getMessage() + ")"));
                return dflt;
            }
        }
    }
}
