package org.openmgm.igmp.impl.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openmgm.igmp.impl.codec.Bytes.hex;
import static org.openmgm.igmp.impl.codec.Bytes.ip;
import static org.openmgm.igmp.impl.codec.Bytes.padded;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips and exact wire forms of every message kind. */
class IgmpCodecTest {

    static Stream<IgmpMessage> messages() {
        return Stream.of(
                MembershipQuery.general(1, Duration.ZERO, 0, Duration.ZERO),
                new MembershipQuery(1, ip("224.1.1.1"), Duration.ZERO, false, 0, Duration.ZERO, List.of()),
                MembershipQuery.general(2, Duration.ofSeconds(10), 0, Duration.ZERO),
                new MembershipQuery(2, ip("239.1.2.3"), Duration.ofSeconds(1), false, 0, Duration.ZERO, List.of()),
                new MembershipQuery(2, ip("239.1.2.3"), Duration.ofMillis(25_500), false, 0, Duration.ZERO, List.of()),
                MembershipQuery.general(3, Duration.ofSeconds(10), 2, Duration.ofSeconds(125)),
                MembershipQuery.general(3, Duration.ZERO, 0, Duration.ZERO),
                new MembershipQuery(3, ip("239.1.2.3"), Duration.ofSeconds(1), true, 7, Duration.ofSeconds(200),
                        List.of()),
                new MembershipQuery(3, ip("232.1.1.1"), Duration.ofMillis(3_174_400), false, 2,
                        Duration.ofSeconds(31_744), List.of(ip("10.0.0.1"), ip("192.0.2.77"))),
                new MembershipReportV1(ip("224.0.1.1")),
                new MembershipReportV2(ip("239.255.255.250")),
                new LeaveGroup(ip("239.1.2.3")),
                new MembershipReportV3(List.of()),
                new MembershipReportV3(List.of(
                        new GroupRecord(RecordType.MODE_IS_INCLUDE, ip("232.1.1.1"), List.of(ip("10.0.0.1"))),
                        new GroupRecord(RecordType.MODE_IS_EXCLUDE, ip("239.1.1.1"), List.of()),
                        new GroupRecord(RecordType.CHANGE_TO_INCLUDE_MODE, ip("239.1.1.2"),
                                List.of(ip("10.0.0.2"), ip("10.0.0.3")), new byte[] {1, 2, 3, 4}),
                        new GroupRecord(RecordType.CHANGE_TO_EXCLUDE_MODE, ip("239.1.1.3"), List.of(ip("10.0.0.4"))),
                        new GroupRecord(RecordType.ALLOW_NEW_SOURCES, ip("232.1.1.2"), List.of(ip("10.0.0.5")),
                                new byte[8]),
                        new GroupRecord(RecordType.BLOCK_OLD_SOURCES, ip("232.1.1.2"), List.of(ip("10.0.0.6"))))));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTrips(IgmpMessage m) throws MalformedIgmpException {
        byte[] wire = IgmpCodec.encode(m);
        assertEquals(0, IgmpCodec.checksum(wire, 0, wire.length), "checksum verifies");
        assertEquals(m, IgmpCodec.decode(ByteBuffer.wrap(wire)));
        assertArrayEquals(wire, IgmpCodec.encode(IgmpCodec.decode(wire)));
    }

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void everyRecordTypeRoundTripsWithSourcesAndAuxData(RecordType type) throws MalformedIgmpException {
        byte[] aux = new byte[255 * 4];
        for (int i = 0; i < aux.length; i++) {
            aux[i] = (byte) i;
        }
        List<java.net.InetAddress> sources = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            sources.add(ip("10.1." + (i / 256) + "." + (i % 256)));
        }
        MembershipReportV3 m = new MembershipReportV3(List.of(new GroupRecord(type, ip("232.9.9.9"), sources, aux),
                new GroupRecord(type, ip("239.9.9.9"), List.of())));
        byte[] wire = IgmpCodec.encode(m);
        assertEquals(8 + (8 + 1200 + 1020) + 8, wire.length);
        assertEquals(type.code(), wire[8]);
        assertEquals(255, wire[9] & 0xFF, "aux data length in words");
        assertEquals(m, IgmpCodec.decode(wire));
    }

    @Test
    void writesTheExactWireForms() {
        // A v2 report for 239.1.2.2 as Linux 6.18 sends it (golden/v2-report.hex).
        assertEquals("1600f8fbef010202", hex(IgmpCodec.encode(new MembershipReportV2(ip("239.1.2.2")))));
        assertEquals("1700f7fbef010202", hex(IgmpCodec.encode(new LeaveGroup(ip("239.1.2.2")))));
        assertEquals("1200fdfcef010101", hex(IgmpCodec.encode(new MembershipReportV1(ip("239.1.1.1")))));
        // RFC 3376 §4.1: type, MRC, checksum, group, Resv|S|QRV, QQIC, N, sources.
        byte[] q = IgmpCodec.encode(new MembershipQuery(3, ip("232.1.6.7"), Duration.ofSeconds(20), true, 5,
                Duration.ofSeconds(130), List.of(ip("10.99.1.100"))));
        assertEquals("1189" + hex(q).substring(4, 8) + "e8010607" + "0d" + "80" + "0001" + "0a630164", hex(q));
        // v1 query: code 0; v2: Max Resp Time in 1/10 s.
        assertEquals("1100eeff00000000", hex(IgmpCodec.encode(MembershipQuery.general(1, Duration.ZERO, 0,
                Duration.ZERO))));
        assertEquals("1164ee9b00000000", hex(IgmpCodec.encode(MembershipQuery.general(2, Duration.ofSeconds(10), 0,
                Duration.ZERO))));
    }

    @Test
    void roundsAndClampsTimersWhereTheWireCannotHoldThem() throws MalformedIgmpException {
        MembershipQuery v2 = new MembershipQuery(2, MembershipQuery.GENERAL, Duration.ofSeconds(40), false, 0,
                Duration.ZERO, List.of());
        assertEquals(0xFF, IgmpCodec.encode(v2)[1] & 0xFF, "IGMPv2 Max Resp Time clamps at 25.5 s");
        MembershipQuery v2Fraction = new MembershipQuery(2, MembershipQuery.GENERAL, Duration.ofMillis(1_050), false,
                0, Duration.ZERO, List.of());
        assertEquals(10, IgmpCodec.encode(v2Fraction)[1]);
        MembershipQuery v3 = MembershipQuery.general(3, Duration.ofSeconds(13), 2, Duration.ofSeconds(130));
        MembershipQuery back = (MembershipQuery) IgmpCodec.decode(IgmpCodec.encode(v3));
        assertEquals(Duration.ofMillis(12_800), back.maxResponseTime(), "130 units → 128");
        assertEquals(Duration.ofSeconds(128), back.queryInterval());
    }

    @Test
    void refusesWhatTheWireCannotRepresent() {
        MembershipQuery v2Zero = new MembershipQuery(2, MembershipQuery.GENERAL, Duration.ofMillis(99), false, 0,
                Duration.ZERO, List.of());
        assertThrows(IllegalArgumentException.class, () -> IgmpCodec.encode(v2Zero), "would be IGMPv1 on the wire");
        assertThrows(IllegalArgumentException.class, () -> IgmpCodec.encode(new MembershipReportV2(ip("ff02::16"))));
        assertThrows(IllegalArgumentException.class, () -> IgmpCodec.encode(new MembershipReportV3(List.of(
                new GroupRecord(RecordType.ALLOW_NEW_SOURCES, ip("232.1.1.1"), List.of(ip("2001:db8::1")))))));
        assertThrows(IllegalArgumentException.class, () -> IgmpCodec.encode(new MembershipReportV3(List.of(
                new GroupRecord(RecordType.ALLOW_NEW_SOURCES, ip("232.1.1.1"), List.of(), new byte[256 * 4])))));
        List<java.net.InetAddress> tooMany = new ArrayList<>();
        for (int i = 0; i < 65_536; i++) {
            tooMany.add(ip("10.0.0.1"));
        }
        assertThrows(IllegalArgumentException.class, () -> IgmpCodec.encode(new MembershipQuery(3, ip("232.1.1.1"),
                Duration.ofSeconds(1), false, 2, Duration.ofSeconds(125), tooMany)));
        assertThrows(NullPointerException.class, () -> IgmpCodec.encode(null));
    }

    @Test
    void ignoresTrailingOctetsThatTheChecksumCovers() throws MalformedIgmpException {
        // RFC 2236 §2.5 (v1/v2 messages), RFC 3376 §4.1.10 (v3 queries), §4.2.11 (v3 reports).
        for (IgmpMessage m : messages().toList()) {
            if (m instanceof MembershipQuery q && q.version() < 3) {
                continue;   // a longer v1/v2 query is a v3 query or malformed (§7.1)
            }
            byte[] longer = padded(IgmpCodec.encode(m), (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, (byte) 7);
            assertEquals(m, IgmpCodec.decode(longer), m.toString());
        }
    }

    @Test
    void readsFromAnyKindOfBufferWithoutMovingIt() throws MalformedIgmpException {
        IgmpMessage m = new MembershipQuery(3, ip("232.1.1.1"), Duration.ofSeconds(2), false, 2,
                Duration.ofSeconds(125), List.of(ip("10.0.0.1")));
        byte[] wire = IgmpCodec.encode(m);
        byte[] framed = new byte[wire.length + 30];
        System.arraycopy(wire, 0, framed, 20, wire.length);   // e.g. after an IP header, before junk

        ByteBuffer heap = ByteBuffer.wrap(framed, 20, wire.length);
        assertEquals(m, IgmpCodec.decode(heap));
        assertEquals(20, heap.position());
        assertEquals(20 + wire.length, heap.limit());

        ByteBuffer sliced = ByteBuffer.wrap(framed).position(20).slice().limit(wire.length);
        assertEquals(m, IgmpCodec.decode(sliced), "array offset");
        assertEquals(m, IgmpCodec.decode(ByteBuffer.wrap(framed, 20, wire.length).asReadOnlyBuffer()));

        ByteBuffer direct = ByteBuffer.allocateDirect(framed.length).put(framed).position(20).limit(20 + wire.length);
        assertEquals(m, IgmpCodec.decode(direct));
        assertEquals(20, direct.position());
    }

    @Test
    void computesTheInternetChecksum() {
        // RFC 1071 §3 example: the words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement), checksum 220d.
        byte[] b = hex("0001f203f4f5f6f7");
        assertEquals(0x220d, IgmpCodec.checksum(b, 0, b.length));
        assertEquals(0xffff, IgmpCodec.checksum(new byte[8], 0, 8));
        assertEquals(~0x0100 & 0xffff, IgmpCodec.checksum(new byte[] {1}, 0, 1), "odd octet padded with zero");
        assertEquals(0, IgmpCodec.checksum(hex("ffff"), 0, 2));
        assertEquals(0x220d, IgmpCodec.checksum(hex("aa0001f203f4f5f6f7bb"), 1, 8), "an inner range");
        assertThrows(IndexOutOfBoundsException.class, () -> IgmpCodec.checksum(b, 4, 5));
    }
}
