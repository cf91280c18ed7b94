package org.openmgm.core.impl;

import java.util.Map;
import java.util.function.BiConsumer;

import org.openmgm.api.ProtocolId;

/**
 * The MGM's configuration (PID {@value #PID}, spec §7), validated: a bad value is reported with
 * its key and value and the previous good value is kept. Public (in this unexported package) for
 * benchmarks that drive the MGM without OSGi.
 *
 * @param igmpProtocolId the protocol number that marks a client as IGMP ([RES Q9])
 * @param mfeDefaultTimeoutSec the default MFE lifetime in seconds, 0 = never ages ([RES Q20])
 * @param wrongIfAlertsEnabled whether wrong-interface alerts are delivered ([RES Q44])
 * @param wrongIfMinIntervalMs at most one wrong-interface alert per (S,G, interface) per interval
 * @param revalidateOnRouteChange whether route changes delete the MFEs they cover ([RES Q6])
 * @param slowCallbackMillis callbacks running longer are logged and counted as slow
 * @param stallCallbackMillis callbacks running longer are declared stuck (their protocol skipped)
 * @param maxMfes the most MFEs the MGM keeps; 0 = no limit
 * @param maxMemberships the most membership entries; 0 = no limit ({@code NOT_ENOUGH_MEMORY} beyond)
 * @param callbackJournalSize how many recent callbacks the flight recorder keeps; 0 = none
 */
public record MgmSettings(int igmpProtocolId, long mfeDefaultTimeoutSec, boolean wrongIfAlertsEnabled,
                   long wrongIfMinIntervalMs, boolean revalidateOnRouteChange, long slowCallbackMillis,
                   long stallCallbackMillis, long maxMfes, long maxMemberships, int callbackJournalSize) {

    static final String PID = "org.openmgm.core";
    static final String IGMP_PROTOCOL_ID = "igmp.protocolId";
    static final String MFE_DEFAULT_TIMEOUT = "mfe.defaultTimeoutSec";
    static final String WRONG_IF_ENABLED = "wrongIfAlerts.enabled";
    static final String WRONG_IF_INTERVAL = "wrongIfAlerts.minIntervalMs";
    static final String REVALIDATE = "rpf.revalidateOnRouteChange";
    static final String SLOW_CALLBACK_MS = "callbacks.slowMs";
    static final String STALL_CALLBACK_MS = "callbacks.stallMs";
    static final String MAX_MFES = "limits.maxMfes";
    static final String MAX_MEMBERSHIPS = "limits.maxMemberships";
    static final String JOURNAL_SIZE = "callbacks.journalSize";

    public static final MgmSettings DEFAULTS = new MgmSettings(ProtocolId.IGMP_PROTOCOL, 900, true, 1000, true, 500, 5000,
            0, 0, 1024);

    /**
     * Reads the settings from configuration properties.
     *
     * @param props the component properties
     * @param previous values kept where a property is absent or invalid
     * @param errors receives (key, explanation) for each invalid property
     */
    public static MgmSettings from(Map<String, ?> props, MgmSettings previous, BiConsumer<String, String> errors) {
        ConfigReader r = new ConfigReader(props, errors);
        return new MgmSettings(
                r.intValue(IGMP_PROTOCOL_ID, previous.igmpProtocolId(), 0, Integer.MAX_VALUE),
                r.longValue(MFE_DEFAULT_TIMEOUT, previous.mfeDefaultTimeoutSec(), 0, 86_400L * 365),
                r.booleanValue(WRONG_IF_ENABLED, previous.wrongIfAlertsEnabled()),
                r.longValue(WRONG_IF_INTERVAL, previous.wrongIfMinIntervalMs(), 0, 3_600_000),
                r.booleanValue(REVALIDATE, previous.revalidateOnRouteChange()),
                r.longValue(SLOW_CALLBACK_MS, previous.slowCallbackMillis(), 1, 3_600_000),
                r.longValue(STALL_CALLBACK_MS, previous.stallCallbackMillis(), 10, 3_600_000),
                r.longValue(MAX_MFES, previous.maxMfes(), 0, Long.MAX_VALUE),
                r.longValue(MAX_MEMBERSHIPS, previous.maxMemberships(), 0, Long.MAX_VALUE),
                r.intValue(JOURNAL_SIZE, previous.callbackJournalSize(), 0, 1_000_000));
    }
}
