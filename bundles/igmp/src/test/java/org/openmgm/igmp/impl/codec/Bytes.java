package org.openmgm.igmp.impl.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers of the codec tests. */
final class Bytes {

    private Bytes() {
    }

    /** An address from a literal (never a name lookup). */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A copy with a correct checksum in octets 2-3 (for messages of at least 4 octets). */
    static byte[] withChecksum(byte[] b) {
        byte[] c = b.clone();
        if (c.length >= 4) {
            c[2] = 0;
            c[3] = 0;
            int sum = IgmpCodec.checksum(c, 0, c.length);
            c[2] = (byte) (sum >>> 8);
            c[3] = (byte) sum;
        }
        return c;
    }

    /** The message followed by {@code extra} octets, checksum recomputed over all of it. */
    static byte[] padded(byte[] b, byte... extra) {
        byte[] c = Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, c, b.length, extra.length);
        return withChecksum(c);
    }
}
