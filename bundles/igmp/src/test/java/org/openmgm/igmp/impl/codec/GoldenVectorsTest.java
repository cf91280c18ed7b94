package org.openmgm.igmp.impl.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openmgm.igmp.impl.codec.Bytes.ip;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IGMP messages sent by real Linux kernels (src/test/resources/golden, captured by its capture.sh;
 * see its README.md): each decodes to the expected message and re-encodes to the same bytes.
 */
class GoldenVectorsTest {

    private static final Duration NONE = Duration.ZERO;

    private static MembershipQuery query(int version, String group, Duration mrt, int qrv, Duration qqi,
                                         String... sources) {
        return new MembershipQuery(version, ip(group), mrt, false, qrv, qqi,
                Stream.of(sources).map(Bytes::ip).toList());
    }

    private static GroupRecord record(RecordType type, String group, String... sources) {
        return new GroupRecord(type, ip(group), Stream.of(sources).map(Bytes::ip).toList());
    }

    private static MembershipReportV3 v3(GroupRecord... records) {
        return new MembershipReportV3(List.of(records));
    }

    /** What each captured message must decode to. */
    static final Map<String, IgmpMessage> EXPECTED = Map.ofEntries(
            Map.entry("v1-report", new MembershipReportV1(ip("239.1.1.1"))),
            Map.entry("v2-report", new MembershipReportV2(ip("239.1.2.2"))),
            Map.entry("v2-leave", new LeaveGroup(ip("239.1.2.2"))),
            Map.entry("v3-asm-join", v3(record(RecordType.CHANGE_TO_EXCLUDE_MODE, "239.1.3.3"))),
            Map.entry("v3-asm-leave", v3(record(RecordType.CHANGE_TO_INCLUDE_MODE, "239.1.3.3"))),
            Map.entry("v3-ssm-join",
                    v3(record(RecordType.ALLOW_NEW_SOURCES, "232.1.4.4", "10.99.0.100", "10.99.0.101"))),
            Map.entry("v3-ssm-drop-one", v3(record(RecordType.BLOCK_OLD_SOURCES, "232.1.4.4", "10.99.0.100"))),
            Map.entry("v3-ssm-leave", v3(record(RecordType.BLOCK_OLD_SOURCES, "232.1.4.4", "10.99.0.101"))),
            Map.entry("v2-general-query", query(2, "0.0.0.0", Duration.ofSeconds(10), 0, NONE)),
            Map.entry("v2-group-query", query(2, "239.1.5.5", Duration.ofSeconds(1), 0, NONE)),
            Map.entry("v3-general-query", query(3, "0.0.0.0", Duration.ofSeconds(10), 2, Duration.ofSeconds(125))),
            Map.entry("v3-current-state-report", v3(
                    record(RecordType.MODE_IS_INCLUDE, "232.1.6.7", "10.99.1.100", "10.99.1.101"),
                    record(RecordType.MODE_IS_EXCLUDE, "239.1.6.6"))),
            Map.entry("v3-group-source-query",
                    query(3, "232.1.6.7", Duration.ofSeconds(1), 2, Duration.ofSeconds(125), "10.99.1.100")),
            Map.entry("v3-group-query", query(3, "239.1.6.6", Duration.ofSeconds(1), 2, Duration.ofSeconds(125))),
            // The bridge was configured with 20 s / 200 s, but Linux 6.18's bridge querier writes the raw
            // values (200 = 0xc8) without the floating-point encoding of RFC 3376 §4.1.1/§4.1.7, so the
            // codes mean 3072 units: 307.2 s and 3072 s. A router must read them as the RFC says.
            Map.entry("v3-general-query-large-timers",
                    query(3, "0.0.0.0", Duration.ofMillis(307_200), 2, Duration.ofSeconds(3072))));

    static Stream<Arguments> vectors() {
        return EXPECTED.keySet().stream().sorted().map(name -> Arguments.of(name, load(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesAndReEncodesTheKernelsBytes(String name, byte[] wire) throws MalformedIgmpException {
        IgmpMessage m = IgmpCodec.decode(ByteBuffer.wrap(wire));
        assertEquals(EXPECTED.get(name), m, name);
        assertArrayEquals(wire, IgmpCodec.encode(m), name + " re-encodes to the same bytes");
    }

    @Test
    void spotChecksOfTheDecodedFields() throws MalformedIgmpException {
        MembershipQuery v2General = (MembershipQuery) IgmpCodec.decode(load("v2-general-query"));
        assertEquals(2, v2General.version());
        assertTrue(v2General.isGeneral());
        MembershipQuery gsq = (MembershipQuery) IgmpCodec.decode(load("v3-group-source-query"));
        assertEquals(3, gsq.version());
        assertEquals(2, gsq.robustness());
        assertEquals(List.of(ip("10.99.1.100")), gsq.sources());
        MembershipReportV3 state = (MembershipReportV3) IgmpCodec.decode(load("v3-current-state-report"));
        assertEquals(List.of(RecordType.MODE_IS_INCLUDE, RecordType.MODE_IS_EXCLUDE),
                state.records().stream().map(GroupRecord::type).toList());
        assertEquals(0xc8, load("v3-general-query-large-timers")[1] & 0xFF, "the kernel's raw Max Resp Code");
    }

    @Test
    void everyCapturedFileIsChecked() throws IOException, URISyntaxException {
        URL dir = GoldenVectorsTest.class.getResource("/golden/");
        assertNotNull(dir, "golden/ on the test class path");
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".hex"))
                    .map(f -> f.substring(0, f.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(EXPECTED.keySet()), files);
    }

    /** The hex line of golden/NAME.hex: a comment line starting with '#', then the message in hex. */
    static byte[] load(String name) {
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/" + name + ".hex")) {
            assertNotNull(in, name);
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            assertEquals(2, lines.size(), name + ": a comment line and a hex line");
            assertTrue(lines.get(0).startsWith("#"), name + ": comment first");
            return HexFormat.of().parseHex(lines.get(1));
        } catch (IOException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
