package org.openmgm.core.impl;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The MGM's configuration (PID {@code org.openmgm.core}, spec §7), validated: a bad value is
 * reported with its key and value and the previous good value is kept.
 *
 * @param igmpProtocolId the protocol number that marks a client as IGMP (spec [RES Q9])
 * @param slowCallbackMillis callbacks running longer than this are logged and counted as slow
 */
record MgmSettings(int igmpProtocolId, long slowCallbackMillis) {

    static final String PID = "org.openmgm.core";
    static final String IGMP_PROTOCOL_ID = "igmp.protocolId";
    static final String SLOW_CALLBACK_MS = "callbacks.slowMs";

    static final MgmSettings DEFAULTS = new MgmSettings(org.openmgm.api.ProtocolId.IGMP_PROTOCOL, 500);

    /**
     * Reads the settings from configuration properties.
     *
     * @param props the component properties
     * @param previous values kept where a property is absent or invalid
     * @param errors receives (key, explanation) for each invalid property
     */
    static MgmSettings from(Map<String, ?> props, MgmSettings previous, BiConsumer<String, String> errors) {
        ConfigReader r = new ConfigReader(props, errors);
        return new MgmSettings(
                r.intValue(IGMP_PROTOCOL_ID, previous.igmpProtocolId(), 0, Integer.MAX_VALUE),
                r.longValue(SLOW_CALLBACK_MS, previous.slowCallbackMillis(), 1, 3_600_000));
    }
}
