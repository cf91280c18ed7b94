package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Spec §7 configuration: errors name the key and the value, and keep the previous good value. */
class MgmSettingsTest {

    @Test
    void validValuesAreApplied() {
        MgmSettings s = MgmSettings.from(Map.of("igmp.protocolId", "2", "callbacks.slowMs", 250,
                        "mfe.defaultTimeoutSec", "60", "wrongIfAlerts.enabled", "false", "wrongIfAlerts.minIntervalMs", "0",
                        "rpf.revalidateOnRouteChange", false, "callbacks.stallMs", "2000", "limits.maxMfes", "10",
                        "limits.maxMemberships", "20", "callbacks.journalSize", "64"),
                MgmSettings.DEFAULTS, (k, v) -> {
                    throw new AssertionError(k);
                });
        assertEquals(new MgmSettings(2, 60, false, 0, false, 250, 2000, 10, 20, 64), s);
    }

    @Test
    void defaultsAreThoseOfTheSpec() {
        MgmSettings d = MgmSettings.DEFAULTS;
        assertEquals(10, d.igmpProtocolId());
        assertEquals(900, d.mfeDefaultTimeoutSec());
        assertEquals(true, d.wrongIfAlertsEnabled());
        assertEquals(1000, d.wrongIfMinIntervalMs());
        assertEquals(true, d.revalidateOnRouteChange());
    }

    @Test
    void invalidValuesAreReportedWithKeyAndValueAndTheOldValueIsKept() {
        List<String> errors = new ArrayList<>();
        MgmSettings previous = MgmSettings.DEFAULTS;

        MgmSettings s = MgmSettings.from(Map.of("igmp.protocolId", "ten", "callbacks.slowMs", "-5",
                "wrongIfAlerts.enabled", "maybe"), previous, (k, v) -> errors.add(k + ": " + v));

        assertEquals(previous, s);
        assertEquals(List.of("callbacks.slowMs: value '-5' is outside [1, 3600000]; keeping 500",
                "igmp.protocolId: value 'ten' is not an integer; keeping 10",
                "wrongIfAlerts.enabled: value 'maybe' is not true or false; keeping true"),
                errors.stream().sorted().toList());
    }
}
