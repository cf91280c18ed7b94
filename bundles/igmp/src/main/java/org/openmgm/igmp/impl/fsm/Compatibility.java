package org.openmgm.igmp.impl.fsm;

import java.util.List;

import org.openmgm.igmp.impl.codec.GroupRecord;
import org.openmgm.igmp.impl.codec.RecordType;

/**
 * Older-version host compatibility of RFC 3376 §7.3.2: the Group Compatibility Mode and the way
 * messages are translated in each mode. The Host Present timers themselves live on the
 * {@link GroupState} they govern.
 *
 * <pre>
 *   mode    when                          v1/v2 report  v2 leave    v3 BLOCK  v3 TO_EX(x)  v3 TO_IN
 *   IGMPv3  no host-present timer runs    IS_EX({})     TO_IN({})   as is     as is        as is
 *   IGMPv2  v2 timer runs, v1 does not    IS_EX({})     TO_IN({})   ignored   TO_EX({})    as is
 *   IGMPv1  v1 timer runs                 IS_EX({})     ignored     ignored   TO_EX({})    ignored
 * </pre>
 *
 * The mode is further capped by the router's own version (§7.3.1): a router configured for IGMPv2
 * runs every group in IGMPv2 mode at most.
 */
final class Compatibility {

    /** §7.3.2: an IGMPv1 or IGMPv2 report is IS_EX({}). */
    static final RecordType REPORT = RecordType.MODE_IS_EXCLUDE;
    /** §7.3.2: an IGMPv2 leave is TO_IN({}). */
    static final RecordType LEAVE = RecordType.CHANGE_TO_INCLUDE_MODE;

    private Compatibility() {
    }

    /** The Group Compatibility Mode of a group, capped by the router's version (§7.3.1, §7.3.2). */
    static int mode(GroupState g, int routerVersion) {
        return g == null ? routerVersion : Math.min(routerVersion, g.hostCompatibility());
    }

    /** §7.3.2: in IGMPv1 mode IGMPv2 leaves are ignored. */
    static boolean ignoresLeave(int mode) {
        return mode == 1;
    }

    /**
     * Translates an IGMPv3 group record for a group in the given compatibility mode (§7.3.2).
     *
     * @return the record to process, or {@code null} when the mode ignores it
     */
    static GroupRecord translate(GroupRecord record, int mode) {
        if (mode >= 3) {
            return record;
        }
        return switch (record.type()) {
            case BLOCK_OLD_SOURCES -> null;                                      // ignored in v1 and v2 mode
            case CHANGE_TO_INCLUDE_MODE -> mode == 1 ? null : record;            // ignored in v1 mode
            case CHANGE_TO_EXCLUDE_MODE -> record.sources().isEmpty() ? record   // TO_EX(x) is TO_EX({})
                    : new GroupRecord(RecordType.CHANGE_TO_EXCLUDE_MODE, record.group(), List.of());
            default -> record;
        };
    }
}
