package org.openmgm.benchmarks;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** IGMPv3 reports as hosts send them (RFC 3376 §4.2), built once, checksummed. */
final class IgmpReports {

    static final int MODE_IS_EXCLUDE = 2;
    static final int CHANGE_TO_INCLUDE = 3;
    static final int CHANGE_TO_EXCLUDE = 4;
    static final int ALLOW_NEW_SOURCES = 5;

    private IgmpReports() {
    }

    /** One group record of the given type with the given sources. */
    static byte[] v3(int recordType, InetAddress group, InetAddress... sources) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * sources.length);
        b.put((byte) 0x22).put((byte) 0).putShort((short) 0).putShort((short) 0).putShort((short) 1);
        b.put((byte) recordType).put((byte) 0).putShort((short) sources.length).put(group.getAddress());
        for (InetAddress s : sources) {
            b.put(s.getAddress());
        }
        byte[] m = b.array();
        long sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = (int) ~sum & 0xffff;
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        return m;
    }

    static InetAddress group(int i) {
        return Routers.address(0xEF010000 + i);                     // 239.1.x.y
    }
}
