package org.openmgm.igmp.impl.codec;

/** The six group record types of IGMPv3 reports (RFC 3376 §4.2.12). */
public enum RecordType {
    /** Current-state: INCLUDE(sources). */
    MODE_IS_INCLUDE(1),
    /** Current-state: EXCLUDE(sources). */
    MODE_IS_EXCLUDE(2),
    /** Filter-mode change to INCLUDE(sources). */
    CHANGE_TO_INCLUDE_MODE(3),
    /** Filter-mode change to EXCLUDE(sources). */
    CHANGE_TO_EXCLUDE_MODE(4),
    /** Source-list change: allow these sources. */
    ALLOW_NEW_SOURCES(5),
    /** Source-list change: block these sources. */
    BLOCK_OLD_SOURCES(6);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    /** The wire value. */
    private static final RecordType[] VALUES = values();     // values() copies: once, not per record

    public int code() {
        return code;
    }

    /** The record type of a wire value, or {@code null} for an unknown one (which receivers ignore, §4.2.12). */
    public static RecordType of(int code) {
        for (RecordType t : VALUES) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
