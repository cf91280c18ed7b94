package org.openmgm.igmp.impl.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target: decoding arbitrary bytes yields a message or a {@link MalformedIgmpException} with a
 * reason and a message, never anything else (no IndexOutOfBounds, BufferUnderflow,
 * IllegalArgument, ...).
 *
 * <p>Each input is decoded twice: as is, and with its checksum made correct, so that the fuzzer
 * gets past the RFC 1071 check into the parsers. In a plain {@code mvn test} it fuzzes for a bounded
 * time (bundles/igmp/pom.xml, execution {@code fuzz}); its seeds and any past crash are the files in
 * src/test/resources/org/openmgm/igmp/impl/codec/IgmpDecodeFuzzTestInputs/decode/.
 */
class IgmpDecodeFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        decodeOrDrop(data);
        decodeOrDrop(Bytes.withChecksum(data));
    }

    static void decodeOrDrop(byte[] b) {
        try {
            IgmpCodec.decode(ByteBuffer.wrap(b));
        } catch (MalformedIgmpException e) {
            if (e.reason() == null || e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("a drop without reason or message", e);
            }
        }
    }
}
