package org.openmgm.igmp.impl.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** The wire form of each message, checksum left zero; {@link IgmpCodec#encode} fills it in. */
final class IgmpEncoder {

    private static final long V2_UNIT_MILLIS = 100;

    private IgmpEncoder() {
    }

    static byte[] encode(IgmpMessage m) {
        return switch (m) {
            case MembershipQuery q -> query(q);
            case MembershipReportV1 r -> header(IgmpMessage.TYPE_REPORT_V1, 0, r.group(), "v1 report group");
            case MembershipReportV2 r -> header(IgmpMessage.TYPE_REPORT_V2, 0, r.group(), "v2 report group");
            case LeaveGroup l -> header(IgmpMessage.TYPE_LEAVE, 0, l.group(), "leave group");
            case MembershipReportV3 r -> report(r);
        };
    }

    private static byte[] query(MembershipQuery q) {
        return switch (q.version()) {
            // RFC 1112: the code octet is unused (zero), which is what makes it IGMPv1 (RFC 3376 §7.1).
            case 1 -> header(IgmpMessage.TYPE_QUERY, 0, q.group(), "query group");
            case 2 -> header(IgmpMessage.TYPE_QUERY, maxRespTimeV2(q.maxResponseTime()), q.group(), "query group");
            default -> queryV3(q);
        };
    }

    /** RFC 2236 §2.2: a plain byte in 1/10 s, rounded down, at most 25.5 s. */
    private static int maxRespTimeV2(Duration d) {
        long units = d.isNegative() ? -1 : d.toMillis() / V2_UNIT_MILLIS;
        if (units < 1) {
            throw new IllegalArgumentException("an IGMPv2 query needs a Max Resp Time of at least 100 ms, not " + d
                    + ": with 0 it is an IGMPv1 query (RFC 3376 §7.1)");
        }
        return (int) Math.min(units, 0xFF);
    }

    /** RFC 3376 §4.1: 12 octets and the sources. */
    private static byte[] queryV3(MembershipQuery q) {
        List<InetAddress> sources = q.sources();
        checkCount(sources.size(), "query sources");
        byte[] b = header(IgmpMessage.TYPE_QUERY, TimeCode.encodeMaxRespCode(q.maxResponseTime()), q.group(),
                "query group", IgmpCodec.V3_QUERY_HEADER + 4 * sources.size());
        b[8] = (byte) ((q.suppressRouterProcessing() ? 0x08 : 0) | q.robustness());  // Resv 0, S, QRV
        b[9] = (byte) TimeCode.encodeQqic(q.queryInterval());
        putU16(b, 10, sources.size());
        for (int i = 0; i < sources.size(); i++) {
            put(b, IgmpCodec.V3_QUERY_HEADER + 4 * i, sources.get(i), "query source");
        }
        return b;
    }

    /** RFC 3376 §4.2: 8 octets, then each record (§4.2.4). */
    private static byte[] report(MembershipReportV3 r) {
        List<GroupRecord> records = r.records();
        checkCount(records.size(), "group records");
        int size = IgmpCodec.HEADER;
        for (GroupRecord g : records) {
            checkCount(g.sources().size(), "record sources");
            int auxLength = g.auxData().length;
            if (auxLength / 4 > 0xFF) {
                throw new IllegalArgumentException("auxiliary data of " + auxLength + " octets exceeds 255 words");
            }
            size += IgmpCodec.RECORD_HEADER + 4 * g.sources().size() + auxLength;
        }
        byte[] b = new byte[size];
        b[0] = (byte) IgmpMessage.TYPE_REPORT_V3;
        putU16(b, 6, records.size());
        int p = IgmpCodec.HEADER;
        for (GroupRecord g : records) {
            byte[] aux = g.auxData();
            b[p] = (byte) g.type().code();
            b[p + 1] = (byte) (aux.length / 4);
            putU16(b, p + 2, g.sources().size());
            put(b, p + 4, g.group(), "record group");
            p += IgmpCodec.RECORD_HEADER;
            for (InetAddress s : g.sources()) {
                put(b, p, s, "record source");
                p += 4;
            }
            System.arraycopy(aux, 0, b, p, aux.length);
            p += aux.length;
        }
        return b;
    }

    private static byte[] header(int type, int code, InetAddress group, String what) {
        return header(type, code, group, what, IgmpCodec.HEADER);
    }

    private static byte[] header(int type, int code, InetAddress group, String what, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) type;
        b[1] = (byte) code;
        put(b, 4, group, what);
        return b;
    }

    private static void put(byte[] b, int at, InetAddress a, String what) {
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException(what + " must be an IPv4 address: " + a);
        }
        System.arraycopy(a.getAddress(), 0, b, at, 4);
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void checkCount(int n, String what) {
        if (n > 0xFFFF) {
            throw new IllegalArgumentException("too many " + what + " for a 16-bit count: " + n);
        }
    }
}
