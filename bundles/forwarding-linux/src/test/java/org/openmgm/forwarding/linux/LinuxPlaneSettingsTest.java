package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Configuration keys of PID org.openmgm.forwarding.linux: values, defaults, and errors named by key. */
class LinuxPlaneSettingsTest {

    final List<String> errors = new ArrayList<>();

    LinuxPlaneSettings read(Map<String, ?> props) {
        return LinuxPlaneSettings.from(props, (k, p) -> errors.add(k + " " + p));
    }

    @Test
    void nothingConfiguredMeansTheDefaults() {
        assertEquals(LinuxPlaneSettings.DEFAULTS, read(Map.of("felix.fileinstall.filename", "x", "service.pid", "y")));
        assertEquals(new LinuxPlaneSettings(-1, 254, LinuxPlaneSettings.Fallback.NONE, true, 1), LinuxPlaneSettings.DEFAULTS);
        assertEquals("the default multicast routing table (253)", LinuxPlaneSettings.DEFAULTS.tableName());
        assertEquals(List.of(), errors);
    }

    @Test
    void everyKeyIsReadFromTextOrTypedValues() {
        LinuxPlaneSettings s = read(Map.of("table", "100", "unicastTable", 200, "fallback", " Simulated ",
                "wrongInterfaceUpcalls", "outgoing", "ttlThreshold", "16"));
        assertEquals(new LinuxPlaneSettings(100, 200, LinuxPlaneSettings.Fallback.SIMULATED, false, 16), s);
        assertEquals("multicast routing table 100", s.tableName());
        assertEquals(List.of(), errors);
        assertEquals(LinuxPlaneSettings.DEFAULTS, read(Map.of("table", " ", "fallback", "")), "blank = unset");
    }

    @Test
    void aBadValueIsReportedByKeyAndValueAndTheDefaultKept() {
        LinuxPlaneSettings s = read(Map.of("table", "main", "unicastTable", "0", "fallback", "sim",
                "wrongInterfaceUpcalls", "some", "ttlThreshold", "255"));
        assertEquals(LinuxPlaneSettings.DEFAULTS, s);
        assertEquals(List.of(
                "table value 'main' is not an integer; keeping the default (unset)",
                "unicastTable value '0' is outside [1, 2147483647]; keeping 254",
                "fallback value 'sim' is not one of none, simulated; keeping none",
                "wrongInterfaceUpcalls value 'some' is not one of all, outgoing; keeping all",
                "ttlThreshold value '255' is outside [1, 254]; keeping 1"), errors);
        errors.clear();
        read(Map.of("table", "1000000000"));
        assertEquals(List.of("table value '1000000000' is outside [1, 999999999]; keeping the default (unset)"), errors);
    }
}
