package org.openmgm.igmp.impl.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzz target: whatever decodes re-encodes without error, and decode → encode → decode gives the
 * same message, whose encoding is again the same bytes (the encoder's output is canonical).
 *
 * <p>The input's checksum is made correct first, so that the fuzzer spends its time on messages
 * that can decode. Bounded fuzzing in {@code mvn test}: see bundles/igmp/pom.xml, execution
 * {@code fuzz}; seeds and past crashes: src/test/resources/org/openmgm/igmp/impl/codec/
 * IgmpRoundTripFuzzTestInputs/decodeEncodeDecode/.
 */
class IgmpRoundTripFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeEncodeDecode(byte[] data) throws MalformedIgmpException {
        IgmpMessage m;
        try {
            m = IgmpCodec.decode(ByteBuffer.wrap(Bytes.withChecksum(data)));
        } catch (MalformedIgmpException e) {
            return;
        }
        byte[] wire = IgmpCodec.encode(m);
        IgmpMessage again = IgmpCodec.decode(ByteBuffer.wrap(wire));
        if (!m.equals(again)) {
            throw new AssertionError("decode(encode(m)) differs: " + m + " → " + Bytes.hex(wire) + " → " + again);
        }
        byte[] wireAgain = IgmpCodec.encode(again);
        if (!Arrays.equals(wire, wireAgain)) {
            throw new AssertionError("encoding is not canonical: " + Bytes.hex(wire) + " vs " + Bytes.hex(wireAgain));
        }
    }
}
