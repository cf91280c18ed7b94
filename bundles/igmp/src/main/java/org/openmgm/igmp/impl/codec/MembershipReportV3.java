package org.openmgm.igmp.impl.codec;

import java.util.List;

/**
 * An IGMPv3 membership report (RFC 3376 §4.2).
 *
 * @param records its group records, in wire order
 */
public record MembershipReportV3(List<GroupRecord> records) implements IgmpMessage {

    /** Copies the records. */
    public MembershipReportV3 {
        records = List.copyOf(records);
    }
}
