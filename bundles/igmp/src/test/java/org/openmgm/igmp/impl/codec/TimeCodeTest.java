package org.openmgm.igmp.impl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeCodeTest {

    @ParameterizedTest(name = "code 0x{0} = {1} units")
    @CsvSource({
        "00, 0", "01, 1", "64, 100", "7d, 125", "7f, 127",
        // 1 exp mant: (mant | 0x10) << (exp + 3), RFC 3376 §4.1.1
        "80, 128", "81, 136", "89, 200", "8f, 248", "90, 256", "9f, 496", "a0, 512",
        "c8, 3072", "f0, 16384", "fe, 30720", "ff, 31744"
    })
    void decodesTheTable(String code, int units) {
        assertEquals(units, TimeCode.decode(Integer.parseInt(code, 16)));
        assertEquals(Duration.ofMillis(100L * units), TimeCode.decodeMaxRespCode(Integer.parseInt(code, 16)));
        assertEquals(Duration.ofSeconds(units), TimeCode.decodeQqic(Integer.parseInt(code, 16)));
    }

    @ParameterizedTest(name = "{0} units -> 0x{1}")
    @CsvSource({
        "0, 00", "1, 01", "127, 7f", "128, 80", "129, 80", "135, 80", "136, 81", "200, 89", "255, 8f",
        "256, 90", "3071, c7", "3072, c8", "31743, fe", "31744, ff", "31745, ff", "1000000, ff"
    })
    void encodesToTheLargestValueNotAbove(long units, String code) {
        assertEquals(Integer.parseInt(code, 16), TimeCode.encode(units));
    }

    @Test
    void everyCodeRoundTripsAndEncodingNeverOvershoots() {
        int previous = -1;
        for (int code = 0; code <= 0xFF; code++) {
            int units = TimeCode.decode(code);
            assertTrue(units > previous, "values grow with the code");
            assertEquals(code, TimeCode.encode(units), "code " + code);
            previous = units;
        }
        for (long units = 0; units <= TimeCode.MAX_UNITS + 10; units++) {
            int value = TimeCode.decode(TimeCode.encode(units));
            assertTrue(value <= units, "not above " + units);
            // nothing representable lies between the encoded value and the requested one
            int next = TimeCode.encode(units) == 0xFF ? Integer.MAX_VALUE : TimeCode.decode(TimeCode.encode(units) + 1);
            assertTrue(next > units, "largest not above " + units);
        }
    }

    @Test
    void encodesDurations() {
        assertEquals(100, TimeCode.encodeMaxRespCode(Duration.ofSeconds(10)));
        assertEquals(100, TimeCode.encodeMaxRespCode(Duration.ofMillis(10_099)), "rounds down to 1/10 s");
        assertEquals(127, TimeCode.encodeMaxRespCode(Duration.ofMillis(12_700)));
        assertEquals(0x80, TimeCode.encodeMaxRespCode(Duration.ofMillis(12_800)));
        assertEquals(0x89, TimeCode.encodeMaxRespCode(Duration.ofSeconds(20)));
        assertEquals(0xFF, TimeCode.encodeMaxRespCode(Duration.ofMillis(3_174_400)));
        assertEquals(0xFF, TimeCode.encodeMaxRespCode(Duration.ofDays(365_000_000)), "clamps, no overflow");
        assertEquals(0, TimeCode.encodeMaxRespCode(Duration.ofMillis(99)));
        assertEquals(125, TimeCode.encodeQqic(Duration.ofSeconds(125)));
        assertEquals(127, TimeCode.encodeQqic(Duration.ofMillis(127_999)));
        assertEquals(0x89, TimeCode.encodeQqic(Duration.ofSeconds(200)));
        assertEquals(0xFF, TimeCode.encodeQqic(Duration.ofSeconds(31_744)));
        assertEquals(0xFF, TimeCode.encodeQqic(Duration.ofSeconds(Long.MAX_VALUE)));
    }

    @Test
    void refusesNegativeValuesAndCodesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> TimeCode.encode(-1));
        assertThrows(IllegalArgumentException.class, () -> TimeCode.encodeMaxRespCode(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> TimeCode.encodeQqic(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> TimeCode.decode(256));
        assertThrows(IllegalArgumentException.class, () -> TimeCode.decode(-1));
    }
}
