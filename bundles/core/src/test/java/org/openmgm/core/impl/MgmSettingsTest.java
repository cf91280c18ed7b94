package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Configuration errors name the key and the value, and keep the previous good value. */
class MgmSettingsTest {

    @Test
    void validValuesAreApplied() {
        MgmSettings s = MgmSettings.from(Map.of("igmp.protocolId", "2", "callbacks.slowMs", 250),
                MgmSettings.DEFAULTS, (k, v) -> {
                    throw new AssertionError(k);
                });
        assertEquals(new MgmSettings(2, 250), s);
    }

    @Test
    void invalidValuesAreReportedWithKeyAndValueAndTheOldValueIsKept() {
        List<String> errors = new ArrayList<>();
        MgmSettings previous = new MgmSettings(10, 300);

        MgmSettings s = MgmSettings.from(Map.of("igmp.protocolId", "ten", "callbacks.slowMs", "-5"),
                previous, (k, v) -> errors.add(k + ": " + v));

        assertEquals(previous, s);
        assertEquals(List.of("callbacks.slowMs: value '-5' is outside [1, 3600000]; keeping 300",
                "igmp.protocolId: value 'ten' is not an integer; keeping 10"), errors.stream().sorted().toList());
    }
}
