package org.openmgm.igmp.impl.codec;

import java.time.Duration;
import java.util.Objects;

/**
 * The 8-bit floating-point time codes of IGMPv3 queries: Max Resp Code (RFC 3376 §4.1.1, in units
 * of 1/10 second) and Querier's Query Interval Code (QQIC, §4.1.7, in seconds). Both use the same
 * encoding: a code below 128 is the value itself; otherwise the code is {@code 1 exp(3) mant(4)}
 * and the value is {@code (mant | 0x10) << (exp + 3)}, from 128 up to 31744 units.
 *
 * <p>Encoding rounds down: it returns the code of the largest representable value not above the
 * requested one (exact below 128 units), and clamps at 31744 units. A querier that asks for 200 s
 * of query interval thus announces 200 s (code 0x89), and one that asks for 130 s announces 128 s:
 * hosts then answer or re-query a little early, never late. (IGMPv2's Max Resp Time, RFC 2236 §2.2,
 * is a plain byte in 1/10 s and does not use this class.)
 */
public final class TimeCode {

    /** The largest value a code can carry, in units: code 0xFF, (0x0F | 0x10) &lt;&lt; (7 + 3). */
    public static final int MAX_UNITS = 31744;

    private static final Duration MRC_UNIT = Duration.ofMillis(100);
    private static final Duration MAX_MRC = MRC_UNIT.multipliedBy(MAX_UNITS);
    private static final Duration MAX_QQI = Duration.ofSeconds(MAX_UNITS);

    private TimeCode() {
    }

    /**
     * The value of a code, in units (RFC 3376 §4.1.1 and §4.1.7).
     *
     * @param code the 8-bit code, 0 to 255
     * @return the value, 0 to {@value #MAX_UNITS}
     * @throws IllegalArgumentException if the code is not an unsigned byte
     */
    public static int decode(int code) {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("time code must be 0 to 255: " + code);
        }
        if (code < 128) {
            return code;
        }
        int mant = code & 0x0F;
        int exp = (code >> 4) & 0x07;
        return (mant | 0x10) << (exp + 3);
    }

    /**
     * The code of the largest representable value not above {@code units}, clamped to
     * {@value #MAX_UNITS}.
     *
     * @param units a non-negative value in units
     * @return the 8-bit code
     * @throws IllegalArgumentException if {@code units} is negative
     */
    public static int encode(long units) {
        if (units < 0) {
            throw new IllegalArgumentException("time value must not be negative: " + units);
        }
        if (units < 128) {
            return (int) units;
        }
        if (units >= MAX_UNITS) {
            return 0xFF;
        }
        // units is 128..31743: its highest set bit is 7..14, and the value is 1mmmm followed by exp+3 bits.
        int exp = (63 - Long.numberOfLeadingZeros(units)) - 7;
        int mant = (int) (units >> (exp + 3)) - 0x10;
        return 0x80 | (exp << 4) | mant;
    }

    /**
     * Decodes a Max Resp Code (RFC 3376 §4.1.1).
     *
     * @param code the 8-bit code
     * @return the maximum response time (a multiple of 100 ms)
     * @throws IllegalArgumentException if the code is not an unsigned byte
     */
    public static Duration decodeMaxRespCode(int code) {
        return MRC_UNIT.multipliedBy(decode(code));
    }

    /**
     * Encodes a maximum response time as a Max Resp Code (RFC 3376 §4.1.1): the largest
     * representable time not above {@code d}, at most 3174.4 s.
     *
     * @param d a non-negative duration
     * @return the 8-bit code
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static int encodeMaxRespCode(Duration d) {
        requireNonNegative(d);
        return d.compareTo(MAX_MRC) >= 0 ? 0xFF : encode(d.dividedBy(MRC_UNIT));
    }

    /**
     * Decodes a Querier's Query Interval Code (RFC 3376 §4.1.7).
     *
     * @param code the 8-bit code
     * @return the query interval (whole seconds)
     * @throws IllegalArgumentException if the code is not an unsigned byte
     */
    public static Duration decodeQqic(int code) {
        return Duration.ofSeconds(decode(code));
    }

    /**
     * Encodes a query interval as a QQIC (RFC 3376 §4.1.7): the largest representable interval not
     * above {@code d}, in whole seconds, at most 31744 s.
     *
     * @param d a non-negative duration
     * @return the 8-bit code
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static int encodeQqic(Duration d) {
        requireNonNegative(d);
        return d.compareTo(MAX_QQI) >= 0 ? 0xFF : encode(d.getSeconds());
    }

    private static void requireNonNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("time value must not be negative: " + d);
        }
    }
}
