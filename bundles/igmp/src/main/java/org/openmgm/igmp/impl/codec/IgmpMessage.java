package org.openmgm.igmp.impl.codec;

/**
 * An IGMP message as a router meets it (RFC 1112, RFC 2236, RFC 3376 §4): the queries of every
 * version, the v1/v2 reports, the v2 leave and the v3 report. Immutable values; {@link IgmpCodec}
 * turns them into bytes and back.
 */
public sealed interface IgmpMessage
        permits MembershipQuery, MembershipReportV1, MembershipReportV2, LeaveGroup, MembershipReportV3 {

    /** IGMP type of membership queries of every version. */
    int TYPE_QUERY = 0x11;
    /** IGMP type of IGMPv1 membership reports. */
    int TYPE_REPORT_V1 = 0x12;
    /** IGMP type of IGMPv2 membership reports. */
    int TYPE_REPORT_V2 = 0x16;
    /** IGMP type of IGMPv2 leave group messages. */
    int TYPE_LEAVE = 0x17;
    /** IGMP type of IGMPv3 membership reports. */
    int TYPE_REPORT_V3 = 0x22;
}
