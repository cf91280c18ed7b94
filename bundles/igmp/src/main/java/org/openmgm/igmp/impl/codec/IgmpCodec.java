package org.openmgm.igmp.impl.codec;

import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.BAD_CHECKSUM;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.BAD_FIELD;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.BAD_LENGTH;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.UNKNOWN_TYPE;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The IGMP wire format, router side: bytes in, {@link IgmpMessage} records out, and back. Pure and
 * stateless (no I/O, no logging, no clock); safe to call from any thread.
 *
 * <p>Decoding follows the receiver rules of RFC 1112, RFC 2236 and RFC 3376:
 * <ul>
 *   <li>At least the 8-octet header, else {@code BAD_LENGTH}; then the RFC 1071 checksum over the
 *       whole message, else {@code BAD_CHECKSUM}; then the type: queries (0x11), v1 reports (0x12),
 *       v2 reports (0x16), v2 leaves (0x17) and v3 reports (0x22); any other type (DVMRP 0x13,
 *       mtrace 0x1e/0x1f, ...) is {@code UNKNOWN_TYPE}. This is the order of the Linux kernel's
 *       {@code igmp_rcv}.</li>
 *   <li>Queries take their version from their length (RFC 3376 §7.1): 8 octets with Max Resp Code 0
 *       is IGMPv1, 8 octets otherwise IGMPv2, 12 octets or more IGMPv3, 9 to 11 octets
 *       {@code BAD_LENGTH}. Octets beyond an IGMPv3 query's sources (§4.1.10), beyond the 8 octets of
 *       a v1/v2 message (RFC 2236 §2.5) or beyond a v3 report's last record (§4.2.11) are covered by
 *       the checksum and otherwise ignored.</li>
 *   <li>Group records of an unknown type are skipped (§4.2.12) and left out of the result.</li>
 *   <li>{@code BAD_FIELD}: a report, leave or record group that is not an IPv4 multicast address; a
 *       query group that is neither 0.0.0.0 nor multicast; sources in a general query; a source that
 *       is multicast, 0.0.0.0 or 255.255.255.255.</li>
 * </ul>
 * {@link #decode(ByteBuffer)} throws {@link MalformedIgmpException} and nothing else, whatever the
 * bytes; its message names the offset, field and value at fault.
 *
 * <p>Encoding ({@link #encode}) writes the exact wire form with a correct checksum and zero
 * reserved fields: 8 octets for v1/v2 messages, 12 + 4n for v3 queries, the records for v3 reports.
 * It checks only that the message is representable, so tests can build malformed messages with it.
 */
public final class IgmpCodec {

    /** The IGMP header common to every type: type, code, checksum, group (RFC 3376 §4.1). */
    static final int HEADER = 8;
    /** The fixed part of an IGMPv3 query (RFC 3376 §4.1). */
    static final int V3_QUERY_HEADER = 12;
    /** The fixed part of an IGMPv3 group record (RFC 3376 §4.2.4). */
    static final int RECORD_HEADER = 8;

    private static final Duration V2_UNIT = Duration.ofMillis(100);

    private IgmpCodec() {
    }

    /**
     * Decodes one IGMP message: the bytes after the IP header, from the buffer's position to its
     * limit. The buffer's position, limit and contents are left unchanged.
     *
     * @param igmp the IGMP message
     * @return the message
     * @throws MalformedIgmpException if the message must be dropped; its reason says why
     * @throws NullPointerException if {@code igmp} is null
     */
    public static IgmpMessage decode(ByteBuffer igmp) throws MalformedIgmpException {
        Objects.requireNonNull(igmp, "igmp");
        int len = igmp.remaining();
        if (igmp.hasArray()) {
            return decode(igmp.array(), igmp.arrayOffset() + igmp.position(), len);
        }
        byte[] copy = new byte[len];
        igmp.get(igmp.position(), copy);
        return decode(copy, 0, len);
    }

    /**
     * Decodes one IGMP message held whole in an array.
     *
     * @param igmp the IGMP message (the bytes after the IP header)
     * @return the message
     * @throws MalformedIgmpException if the message must be dropped; its reason says why
     * @throws NullPointerException if {@code igmp} is null
     */
    public static IgmpMessage decode(byte[] igmp) throws MalformedIgmpException {
        return decode(igmp, 0, igmp.length);
    }

    /**
     * Encodes a message in its exact wire form, checksum included.
     *
     * @param m the message
     * @return a new array: 8 octets for IGMPv1/v2 messages, 12 + 4n for an IGMPv3 query, the
     *     header and records for an IGMPv3 report
     * @throws IllegalArgumentException if the message cannot be represented: an address that is
     *     not IPv4, an IGMPv2 query whose Max Resp Time is below 100 ms (on the wire that is an
     *     IGMPv1 query, RFC 3376 §7.1), more than 65535 sources or records, auxiliary data of more
     *     than 255 words
     * @throws NullPointerException if {@code m} is null
     */
    public static byte[] encode(IgmpMessage m) {
        byte[] b = IgmpEncoder.encode(Objects.requireNonNull(m, "message"));
        int sum = checksum(b, 0, b.length);
        b[2] = (byte) (sum >>> 8);
        b[3] = (byte) sum;
        return b;
    }

    /**
     * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum of
     * the 16-bit big-endian words of the range, an odd last octet padded with zero. Over an IGMP
     * message whose checksum field is correct, it is 0; over a message whose checksum field is zero,
     * it is the value to put there.
     *
     * @param b the bytes
     * @param off the first octet
     * @param len the number of octets
     * @return the checksum, 0 to 0xFFFF
     * @throws IndexOutOfBoundsException if the range is not within {@code b}
     */
    public static int checksum(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        long sum = 0;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }

    private static IgmpMessage decode(byte[] b, int off, int len) throws MalformedIgmpException {
        if (len < HEADER) {
            throw new MalformedIgmpException(BAD_LENGTH,
                    "message of " + len + " octets is shorter than the 8-octet IGMP header");
        }
        if (checksum(b, off, len) != 0) {
            int field = u16(b, off + 2);
            int sum = field + checksum(b, off, len);   // one's complement: the right field is field + residue
            int expected = (sum & 0xFFFF) + (sum >>> 16);
            throw new MalformedIgmpException(BAD_CHECKSUM, String.format(
                    "checksum 0x%04x at offset 2 does not verify over %d octets (RFC 1071; expected 0x%04x)",
                    field, len, expected));
        }
        int type = u8(b, off);
        return switch (type) {
            case IgmpMessage.TYPE_QUERY -> query(b, off, len);
            case IgmpMessage.TYPE_REPORT_V1 -> new MembershipReportV1(multicast(b, off, 4, "v1 report group"));
            case IgmpMessage.TYPE_REPORT_V2 -> new MembershipReportV2(multicast(b, off, 4, "v2 report group"));
            case IgmpMessage.TYPE_LEAVE -> new LeaveGroup(multicast(b, off, 4, "leave group"));
            case IgmpMessage.TYPE_REPORT_V3 -> reportV3(b, off, len);
            default -> throw new MalformedIgmpException(UNKNOWN_TYPE,
                    String.format("IGMP type 0x%02x at offset 0%s is not one a router processes", type, known(type)));
        };
    }

    /** A membership query of any version (RFC 3376 §4.1, §7.1; RFC 2236 §2; RFC 1112). */
    private static MembershipQuery query(byte[] b, int off, int len) throws MalformedIgmpException {
        // Lengths first (§7.1): 8 octets is IGMPv1/v2, 12 or more IGMPv3, anything between is malformed.
        if (len > HEADER && len < V3_QUERY_HEADER) {
            throw new MalformedIgmpException(BAD_LENGTH, "query of " + len
                    + " octets: IGMPv1/v2 queries have 8, IGMPv3 queries at least 12 (RFC 3376 §7.1)");
        }
        int count = len == HEADER ? 0 : u16(b, off + 10);      // Number of Sources, §4.1.8
        int needed = V3_QUERY_HEADER + 4 * count;
        if (len > HEADER && len < needed) {
            throw new MalformedIgmpException(BAD_LENGTH, "IGMPv3 query announces " + count
                    + " sources at offset 10, which need " + needed + " octets; the message has " + len);
        }
        int code = u8(b, off + 1);
        InetAddress group = address(b, off + 4);
        if (!group.isAnyLocalAddress() && !group.isMulticastAddress()) {
            throw field(4, "query group", group, "is neither 0.0.0.0 nor an IPv4 multicast address");
        }
        if (len == HEADER) {
            // §7.1: 8 octets and Max Resp Code 0 is an IGMPv1 query; otherwise IGMPv2, whose Max Resp
            // Time is a plain byte in 1/10 s (RFC 2236 §2.2).
            return code == 0
                    ? build(() -> new MembershipQuery(1, group, Duration.ZERO, false, 0, Duration.ZERO, List.of()))
                    : build(() -> new MembershipQuery(2, group, V2_UNIT.multipliedBy(code), false, 0, Duration.ZERO,
                            List.of()));
        }
        if (count > 0 && group.isAnyLocalAddress()) {
            throw new MalformedIgmpException(BAD_FIELD,
                    "general query (group 0.0.0.0 at offset 4) lists " + count + " sources (RFC 3376 §4.1.9)");
        }
        List<InetAddress> sources = sources(b, off, V3_QUERY_HEADER, count, "query source");
        int flags = u8(b, off + 8);          // Resv(4) S(1) QRV(3), §4.1.4-§4.1.6
        int qqic = u8(b, off + 9);           // §4.1.7
        boolean s = (flags & 0x08) != 0;
        int qrv = flags & 0x07;
        return build(() -> new MembershipQuery(3, group, TimeCode.decodeMaxRespCode(code), s, qrv,
                TimeCode.decodeQqic(qqic), sources));
    }

    /** An IGMPv3 membership report (RFC 3376 §4.2). */
    private static MembershipReportV3 reportV3(byte[] b, int off, int len) throws MalformedIgmpException {
        int count = u16(b, off + 6);         // Number of Group Records, §4.2.3
        List<GroupRecord> records = new ArrayList<>(Math.min(count, (len - HEADER) / RECORD_HEADER));
        int p = HEADER;
        for (int i = 0; i < count; i++) {
            if (len - p < RECORD_HEADER) {
                throw new MalformedIgmpException(BAD_LENGTH, "group record " + (i + 1) + " of " + count
                        + " at offset " + p + " is truncated: its 8-octet header finds " + (len - p) + " octets");
            }
            int type = u8(b, off + p);
            int auxWords = u8(b, off + p + 1);     // Aux Data Len in 32-bit words, §4.2.6
            int sourceCount = u16(b, off + p + 2); // §4.2.7
            int size = RECORD_HEADER + 4 * sourceCount + 4 * auxWords;
            if (len - p < size) {
                throw new MalformedIgmpException(BAD_LENGTH, "group record " + (i + 1) + " of " + count
                        + " at offset " + p + " announces " + sourceCount + " sources and " + auxWords
                        + " words of auxiliary data (" + size + " octets); " + (len - p) + " remain");
            }
            RecordType recordType = RecordType.of(type);
            if (recordType != null) {        // records of unknown types are ignored, §4.2.12
                InetAddress group = multicast(b, off, p + 4, "group record " + (i + 1) + " multicast address");
                List<InetAddress> sources = sources(b, off, p + RECORD_HEADER, sourceCount,
                        "group record " + (i + 1) + " source");
                int auxStart = off + p + RECORD_HEADER + 4 * sourceCount;
                byte[] aux = Arrays.copyOfRange(b, auxStart, auxStart + 4 * auxWords);
                records.add(build(() -> new GroupRecord(recordType, group, sources, aux)));
            }
            p += size;
        }
        return build(() -> new MembershipReportV3(records));
    }

    private static List<InetAddress> sources(byte[] b, int off, int at, int count, String what)
            throws MalformedIgmpException {
        List<InetAddress> sources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pos = at + 4 * i;
            InetAddress s = address(b, off + pos);
            if (s.isMulticastAddress() || s.isAnyLocalAddress() || isBroadcast(b, off + pos)) {
                throw field(pos, what + " " + (i + 1), s, "is not a unicast address");
            }
            sources.add(s);
        }
        return sources;
    }

    private static InetAddress multicast(byte[] b, int off, int at, String what) throws MalformedIgmpException {
        InetAddress a = address(b, off + at);
        if (!a.isMulticastAddress()) {
            throw field(at, what, a, "is not an IPv4 multicast address");
        }
        return a;
    }

    private static MalformedIgmpException field(int at, String what, InetAddress value, String problem) {
        return new MalformedIgmpException(BAD_FIELD, what + " " + value.getHostAddress() + " at offset " + at
                + " " + problem);
    }

    /** Builds a record, turning a refusal of its constructor into {@code BAD_FIELD}. */
    private static <T> T build(Supplier<T> constructor) throws MalformedIgmpException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedIgmpException(BAD_FIELD, "invalid message: " + e.getMessage());
        }
    }

    private static boolean isBroadcast(byte[] b, int at) {
        return (b[at] & b[at + 1] & b[at + 2] & b[at + 3]) == (byte) 0xFF;
    }

    private static InetAddress address(byte[] b, int at) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 octets are always an IPv4 address", e);
        }
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /** A hint for the types that other multicast protocols carry in IGMP. */
    private static String known(int type) {
        return switch (type) {
            case 0x13 -> " (DVMRP)";
            case 0x14 -> " (PIMv1)";
            case 0x1e, 0x1f -> " (mtrace)";
            case 0x30, 0x31, 0x32 -> " (multicast router discovery, RFC 4286)";
            default -> "";
        };
    }
}
