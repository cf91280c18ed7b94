package org.openmgm.itests;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * IGMP messages as hosts send them (RFC 2236 §2, RFC 3376 §4.2), built by hand: the tests speak
 * the wire format, not the IGMP bundle's private codec.
 */
final class IgmpBytes {

    private IgmpBytes() {
    }

    /** An IGMPv3 report with one group record of the given type and no sources. */
    static byte[] v3Report(int recordType, InetAddress group) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 0x22).put((byte) 0).putShort((short) 0).putShort((short) 0).putShort((short) 1);
        b.put((byte) recordType).put((byte) 0).putShort((short) 0).put(group.getAddress());
        return withChecksum(b.array());
    }

    /** An IGMPv2 membership report. */
    static byte[] v2Report(InetAddress group) {
        return v2(0x16, group);
    }

    /** An IGMPv2 leave. */
    static byte[] v2Leave(InetAddress group) {
        return v2(0x17, group);
    }

    private static byte[] v2(int type, InetAddress group) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) type).put((byte) 0).putShort((short) 0).put(group.getAddress());
        return withChecksum(b.array());
    }

    /** RFC 1071: the ones' complement of the ones' complement sum, in bytes 2 and 3. */
    private static byte[] withChecksum(byte[] m) {
        long sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (i + 1 < m.length ? m[i + 1] & 0xff : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = (int) ~sum & 0xffff;
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        return m;
    }
}
