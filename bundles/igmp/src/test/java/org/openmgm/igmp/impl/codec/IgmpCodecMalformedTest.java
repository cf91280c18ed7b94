package org.openmgm.igmp.impl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openmgm.igmp.impl.codec.Bytes.hex;
import static org.openmgm.igmp.impl.codec.Bytes.ip;
import static org.openmgm.igmp.impl.codec.Bytes.withChecksum;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.BAD_CHECKSUM;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.BAD_FIELD;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.BAD_LENGTH;
import static org.openmgm.igmp.impl.fsm.IgmpCounters.Drop.UNKNOWN_TYPE;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmgm.igmp.impl.fsm.IgmpCounters.Drop;

/** Every way a message is dropped maps to its reason, and decode throws nothing else. */
class IgmpCodecMalformedTest {

    /** Decodes bytes given in hex, checksum fixed first, expecting a drop; returns its message. */
    private static String rejects(Drop reason, String hexBytes) {
        return rejectsRaw(reason, withChecksum(hex(hexBytes)));
    }

    private static String rejectsRaw(Drop reason, byte[] b) {
        MalformedIgmpException e = assertThrows(MalformedIgmpException.class,
                () -> IgmpCodec.decode(ByteBuffer.wrap(b)));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11", "1164", "1164ee9b", "1164ee9b000000"})
    void shorterThanTheHeaderIsBadLength(String hexBytes) {
        String msg = rejectsRaw(BAD_LENGTH, hex(hexBytes));
        assertTrue(msg.contains(hexBytes.length() / 2 + " octets"), msg);
    }

    @Test
    void aWrongChecksumIsBadChecksum() {
        byte[] good = hex("1600f8fbef010202");
        byte[] bad = good.clone();
        bad[7] ^= 1;
        String msg = rejectsRaw(BAD_CHECKSUM, bad);
        assertTrue(msg.contains("0xf8fb") && msg.contains("offset 2"), msg);
        // Trailing octets are checksummed too (RFC 2236 §2.5): appending one breaks the old checksum.
        byte[] longer = Arrays.copyOf(good, 9);
        longer[8] = 0x2a;
        rejectsRaw(BAD_CHECKSUM, longer);
        // Checked before the type: a corrupted unknown type is still a checksum failure.
        byte[] unknown = withChecksum(hex("1300000000000000"));
        unknown[3] ^= 0x10;
        rejectsRaw(BAD_CHECKSUM, unknown);
    }

    @ParameterizedTest
    @CsvSource({"13, DVMRP", "14, PIMv1", "1e, mtrace", "1f, mtrace", "30, 4286", "00, ''", "21, ''", "ff, ''"})
    void otherTypesAreUnknownType(String type, String hint) {
        String msg = rejects(UNKNOWN_TYPE, type + "000000e0000001");
        assertTrue(msg.contains("0x" + type) && msg.contains(hint), msg);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 11})
    void queriesOfNineToElevenOctetsAreBadLength(int length) {
        byte[] q = Arrays.copyOf(hex("1164000000000000"), length);
        String msg = rejectsRaw(BAD_LENGTH, withChecksum(q));
        assertTrue(msg.contains("§7.1"), msg);
        // The length is judged before the fields: a unicast group does not make it BAD_FIELD.
        rejectsRaw(BAD_LENGTH, withChecksum(Arrays.copyOf(hex("116400000a000001"), length)));
    }

    @Test
    void aQueryTooShortForItsSourcesIsBadLength() {
        rejects(BAD_LENGTH, "110a0000 e8010607 027d 0002 0a630164");          // 2 announced, 1 present
        rejects(BAD_LENGTH, "110a0000 e8010607 027d 0001");                   // 1 announced, none present
        rejects(BAD_LENGTH, "110a0000 00000000 027d 0001");                   // general, too: length first
        rejects(BAD_LENGTH, "110a0000 0a000001 027d 0001");                   // unicast group, too
        String msg = rejects(BAD_LENGTH, "110a0000 e8010607 027d ffff 0a630164");
        assertTrue(msg.contains("65535 sources") && msg.contains("262152 octets"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0a000001", "c0000201", "ffffffff", "7f000001"})
    void aQueryGroupThatIsNeitherZeroNorMulticastIsBadField(String group) {
        String msg = rejects(BAD_FIELD, "11640000" + group);                   // v2
        assertTrue(msg.contains("query group") && msg.contains("offset 4"), msg);
        rejects(BAD_FIELD, "11000000" + group);                                // v1
        rejects(BAD_FIELD, "11640000" + group + "027d0000");                   // v3
    }

    @Test
    void aGeneralQueryWithSourcesIsBadField() {
        String msg = rejects(BAD_FIELD, "11640000 00000000 027d 0001 0a000001");
        assertTrue(msg.contains("general query"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"e0000001", "00000000", "ffffffff", "ef010101"})
    void aQuerySourceThatIsNotUnicastIsBadField(String source) {
        String msg = rejects(BAD_FIELD, "11640000 e8010101 027d 0002 0a000001" + source);
        assertTrue(msg.contains("query source 2") && msg.contains("offset 16"), msg);
    }

    @ParameterizedTest
    @CsvSource({"12, v1 report", "16, v2 report", "17, leave"})
    void aReportOrLeaveForANonMulticastGroupIsBadField(String type, String what) {
        for (String group : List.of("00000000", "0a000001", "ffffffff", "f0000001")) {
            String msg = rejects(BAD_FIELD, type + "000000" + group);
            assertTrue(msg.contains(what + " group") && msg.contains("offset 4"), msg);
        }
    }

    @Test
    void aTruncatedGroupRecordIsBadLength() {
        // Header announces 1 record, none present.
        String msg = rejects(BAD_LENGTH, "22000000 00000001");
        assertTrue(msg.contains("record 1 of 1") && msg.contains("offset 8"), msg);
        // Record header cut short.
        rejects(BAD_LENGTH, "22000000 00000001 01000000");
        // Sources cut short.
        rejects(BAD_LENGTH, "22000000 00000001 01000002 e8010101 0a000001");
        // Aux data cut short (1 word announced).
        rejects(BAD_LENGTH, "22000000 00000001 01010000 e8010101");
        // The second of two records is truncated.
        msg = rejects(BAD_LENGTH, "22000000 00000002 02000000 ef010101 05000001 e8010101");
        assertTrue(msg.contains("record 2 of 2") && msg.contains("offset 16"), msg);
        // Truncation is checked for records of unknown type too: their length is needed to skip them.
        rejects(BAD_LENGTH, "22000000 00000001 09000003 e8010101 0a000001");
    }

    @Test
    void aRecordGroupOrSourceThatIsNotValidIsBadField() {
        String msg = rejects(BAD_FIELD, "22000000 00000001 02000000 0a010101");
        assertTrue(msg.contains("group record 1 multicast address 10.1.1.1 at offset 12"), msg);
        for (String source : List.of("e0000016", "00000000", "ffffffff")) {
            msg = rejects(BAD_FIELD, "22000000 00000002 02000000 ef010101 05000002 e8010101 0a000001" + source);
            assertTrue(msg.contains("group record 2 source 2") && msg.contains("offset 28"), msg);
        }
    }

    @Test
    void recordsOfUnknownTypeAreSkipped() throws MalformedIgmpException {
        // RFC 3376 §4.2.12: unknown record types are ignored, whatever they hold (here a unicast "group").
        byte[] b = withChecksum(hex("22000000 00000004"
                + "00010001 0a000001 0a000002 deadbeef"       // type 0, 1 source, 1 aux word
                + "05000001 e8010101 0a000003"                // ALLOW(232.1.1.1, {10.0.0.3})
                + "07000000 00000000"                         // type 7
                + "02000000 ef010101"));                      // IS_EX(239.1.1.1, {})
        assertEquals(new MembershipReportV3(List.of(
                new GroupRecord(RecordType.ALLOW_NEW_SOURCES, ip("232.1.1.1"), List.of(ip("10.0.0.3"))),
                new GroupRecord(RecordType.MODE_IS_EXCLUDE, ip("239.1.1.1"), List.of()))), IgmpCodec.decode(b));
        // Only unknown records: an empty report.
        assertEquals(new MembershipReportV3(List.of()),
                IgmpCodec.decode(withChecksum(hex("22000000 00000001 ff000000 00000000"))));
    }

    @Test
    void aMessageRefusedByItsRecordWouldBeBadFieldNotAnIllegalArgument() {
        // No byte sequence reaches a record constructor's refusal today (decode checks first); this pins
        // the mapping the codec promises if one ever did: the record's message, as BAD_FIELD.
        MalformedIgmpException e = new MalformedIgmpException(BAD_FIELD, "x");
        assertEquals("MalformedIgmpException[BAD_FIELD]: x", e.toString());
        assertThrows(NullPointerException.class, () -> new MalformedIgmpException(null, "x"));
    }

    /** Random bytes and mutations of valid messages, checksum fixed or not: only MalformedIgmpException. */
    @Test
    void decodeNeverThrowsAnythingElse() {
        SplittableRandom random = new SplittableRandom(20261123);
        List<byte[]> seeds = IgmpCodecTest.messages().map(IgmpCodec::encode).toList();
        int decoded = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(40)];
                random.nextBytes(b);
                if (b.length > 0 && random.nextBoolean()) {
                    b[0] = (byte) new int[] {0x11, 0x12, 0x16, 0x17, 0x22}[random.nextInt(5)];
                }
            } else {
                byte[] seed = seeds.get(random.nextInt(seeds.size()));
                b = Arrays.copyOf(seed, Math.max(0, seed.length + random.nextInt(-6, 7)));
                for (int flips = random.nextInt(1, 4); flips > 0 && b.length > 0; flips--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            if (random.nextInt(8) != 0) {
                b = withChecksum(b);
            }
            try {
                IgmpCodec.decode(ByteBuffer.wrap(b));
                decoded++;
            } catch (MalformedIgmpException e) {
                assertTrue(e.reason() != null && e.getMessage() != null);
            } catch (RuntimeException | Error e) {
                fail("decode threw " + e + " for " + hex(b), e);
            }
        }
        assertTrue(decoded > 1000, "the mutations reach valid messages too: " + decoded);
    }

    @Test
    void aNullBufferIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> IgmpCodec.decode((ByteBuffer) null));
    }

    @Test
    void v2QueryWithZeroMaxRespTimeDecodesAsV1() throws MalformedIgmpException {
        // RFC 3376 §7.1: an 8-octet query with Max Resp Code 0 is IGMPv1, whatever its sender meant.
        MembershipQuery q = (MembershipQuery) IgmpCodec.decode(withChecksum(hex("11000000e0000001")));
        assertEquals(1, q.version());
        assertEquals(Duration.ZERO, q.maxResponseTime());
    }
}
