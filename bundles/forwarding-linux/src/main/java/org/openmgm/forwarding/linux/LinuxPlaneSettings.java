package org.openmgm.forwarding.linux;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Linux plane's configuration (PID {@value #PID}), validated: a bad value is reported with its
 * key and value, and the default is kept (a change of configuration restarts the plane, so there is
 * no "previous" value to keep).
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #TABLE}</td><td>unset</td><td>the kernel multicast routing table to own (MRT_TABLE,
 *       1 to 999999999); unset = the default table (253). Another table needs {@code ip mrule} rules
 *       to steer traffic to it.</td></tr>
 *   <tr><td>{@value #UNICAST_TABLE}</td><td>254</td><td>the unicast routing table RPF looks in (254 = main)</td></tr>
 *   <tr><td>{@value #FALLBACK}</td><td>none</td><td>{@code none} or {@code simulated}: what serves {@code
 *       mgm.plane=linux} when the kernel plane cannot start</td></tr>
 *   <tr><td>{@value #WRONG_INTERFACE}</td><td>all</td><td>{@code all}: report every packet that arrives on
 *       another interface than its entry's (MRT_PIM), as the simulated plane does; {@code outgoing}: only
 *       those arriving on one of the entry's outgoing interfaces (MRT_ASSERT alone, PIM-assert style).
 *       The kernel reports at most one per entry every 3 seconds either way.</td></tr>
 *   <tr><td>{@value #TTL_THRESHOLD}</td><td>1</td><td>packets are forwarded when their TTL is above this
 *       (1 to 254)</td></tr>
 * </table>
 *
 * @param table the multicast routing table, -1 for the kernel's default
 * @param unicastTable the unicast table for RPF
 * @param fallback what to do when the kernel plane cannot start
 * @param allWrongInterfaces whether every wrong-interface packet is reported
 * @param ttlThreshold the TTL threshold of outgoing interfaces
 */
public record LinuxPlaneSettings(int table, int unicastTable, Fallback fallback, boolean allWrongInterfaces,
                                 int ttlThreshold) {

    /** The configuration PID. */
    public static final String PID = "org.openmgm.forwarding.linux";
    static final String TABLE = "table";
    static final String UNICAST_TABLE = "unicastTable";
    static final String FALLBACK = "fallback";
    static final String WRONG_INTERFACE = "wrongInterfaceUpcalls";
    static final String TTL_THRESHOLD = "ttlThreshold";

    /** The Linux main routing table (RT_TABLE_MAIN). */
    public static final int MAIN_TABLE = 254;
    /** The kernel refuses larger multicast table ids (net/ipv4/ipmr.c, MRT_TABLE). */
    static final int MAX_MULTICAST_TABLE = 999_999_999;

    /** Defaults: the default multicast table, RPF in main, no fallback, every wrong interface, TTL 1. */
    public static final LinuxPlaneSettings DEFAULTS = new LinuxPlaneSettings(-1, MAIN_TABLE, Fallback.NONE, true, 1);

    /** What serves {@code mgm.plane=linux} when the kernel plane cannot start. */
    public enum Fallback {
        /** Nothing: no service is registered, the MGM and IGMP wait (the log says why). */
        NONE,
        /** The simulated plane, loudly: nothing is forwarded on real interfaces. */
        SIMULATED
    }

    /**
     * Reads the settings.
     *
     * @param props the configuration properties
     * @param errors receives (key, explanation) for each bad value
     * @return the settings
     */
    public static LinuxPlaneSettings from(Map<String, ?> props, BiConsumer<String, String> errors) {
        LinuxPlaneSettings d = DEFAULTS;
        int table = integer(props, TABLE, d.table(), 1, MAX_MULTICAST_TABLE, errors);
        int unicast = integer(props, UNICAST_TABLE, d.unicastTable(), 1, Integer.MAX_VALUE, errors);
        String fallback = choice(props, FALLBACK, "none", errors, "none", "simulated");
        String wrongIf = choice(props, WRONG_INTERFACE, "all", errors, "all", "outgoing");
        int ttl = integer(props, TTL_THRESHOLD, d.ttlThreshold(), 1, 254, errors);
        return new LinuxPlaneSettings(table, unicast, fallback.equals("simulated") ? Fallback.SIMULATED : Fallback.NONE,
                wrongIf.equals("all"), ttl);
    }

    /**
     * Describes the table for messages.
     *
     * @return e.g. {@code table 100} or {@code the default table (253)}
     */
    public String tableName() {
        return table < 0 ? "the default multicast routing table (253)" : "multicast routing table " + table;
    }

    private static int integer(Map<String, ?> props, String key, int fallback, int min, int max,
                               BiConsumer<String, String> errors) {
        Object raw = props.get(key);
        if (raw == null || raw.toString().isBlank()) {
            return fallback;
        }
        String keeping = "; keeping " + (fallback < 0 ? "the default (unset)" : fallback);
        long value;
        try {
            value = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            errors.accept(key, "value '" + raw + "' is not an integer" + keeping);
            return fallback;
        }
        if (value < min || value > max) {
            errors.accept(key, "value '" + raw + "' is outside [" + min + ", " + max + "]" + keeping);
            return fallback;
        }
        return (int) value;
    }

    private static String choice(Map<String, ?> props, String key, String fallback, BiConsumer<String, String> errors,
                                 String... allowed) {
        Object raw = props.get(key);
        if (raw == null || raw.toString().isBlank()) {
            return fallback;
        }
        String value = raw.toString().trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        errors.accept(key, "value '" + raw + "' is not one of " + String.join(", ", allowed) + "; keeping " + fallback);
        return fallback;
    }
}
