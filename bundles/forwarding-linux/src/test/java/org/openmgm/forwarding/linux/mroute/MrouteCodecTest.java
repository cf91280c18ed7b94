package org.openmgm.forwarding.linux.mroute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.Structs;

/**
 * What goes to the kernel ({@code struct vifctl}, {@code struct mfcctl}) and what comes back
 * (upcalls, IGMP datagrams, IP_PKTINFO), byte for byte. The "captured" samples were read from the
 * multicast routing socket of Linux 6.18 in a network namespace: a host 10.0.1.2 sending to
 * 239.1.1.1 through VIF 0, and a host 10.0.2.2 joining 239.1.1.1.
 */
class MrouteCodecTest {

    /** IGMPMSG_NOCACHE for (10.0.1.2, 239.1.1.1) on VIF 0, as read (28 bytes). */
    static final String NOCACHE = "4500001cb9624000" + "01" + "00" + "0000" + "0a000102" + "ef010101" + "0100004000000000";
    /** IGMPMSG_WRONGVIF for the same flow after an entry with parent VIF 1 was installed. */
    static final String WRONGVIF = "4500001cb9624000" + "02" + "00" + "0000" + "0a000102" + "ef010101" + "0200004000000000";
    /** An IGMPv3 report (CHANGE_TO_EXCLUDE 239.1.1.1) from Linux host 10.0.2.2: TOS 0xc0, TTL 1, Router Alert. */
    static final String V3_REPORT = "46c00028000040000102f7f70a000202e0000016" + "94040000"
            + "2200e9fb0000000104000000ef010101";

    @Test
    void anEntryIsEncodedAsTheKernelReadsIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(Structs.MFCCTL);
            m.fill((byte) 0x5a);
            m.asSlice(44).fill((byte) 0);                    // counters and expire: zero in a fresh segment
            MrouteSocket.encodeMfc(m, 0x0a010101, 0xef010101, 2, 1 << 1 | 1 << 3 | 1 << 31, 1);
            String expected = "0a010101" + "ef010101" + "0200"
                    + "00010001" + "00".repeat(27) + "01"        // ttls: VIF 1, 3 and 31 at threshold 1
                    + "5a5a"                                     // padding: not written
                    + "00".repeat(16);
            assertEquals(expected, hex(m));

            MrouteSocket.encodeMfc(m, 0x0a010102, 0xef010102, 0, 1 << 4, 64);
            assertEquals("0a010102" + "ef010102" + "0000" + "00000000" + "40" + "00".repeat(27),
                    hex(m).substring(0, 84), "a reused segment is fully rewritten");
        }
    }

    @Test
    void aVifIsEncodedByInterfaceIndex() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(Structs.VIFCTL);
            v.fill((byte) 0x77);
            MrouteSocket.encodeVif(v, 5, 0x1234);
            // vifi 5, flags VIFF_USE_IFINDEX, threshold 1, rate limit 0, ifindex 0x1234 (host order), remote 0
            assertEquals("0500" + "08" + "01" + "00000000" + "34120000" + "00000000", hex(v));
            MrouteSocket.encodeVif(v, 31, 0);
            assertEquals("1f00" + "00".repeat(14), hex(v), "MRT_DEL_VIF reads only the slot");
        }
    }

    @Test
    void capturedUpcallsAreParsed() {
        assertEquals(new Upcall(Mroute.IGMPMSG_NOCACHE, 0, 0x0a000102, 0xef010101, 20), Upcall.parse(seg(NOCACHE), 28));
        assertEquals(new Upcall(Mroute.IGMPMSG_WRONGVIF, 0, 0x0a000102, 0xef010101, 20), Upcall.parse(seg(WRONGVIF), 28));
        String highVif = NOCACHE.substring(0, 20) + "0301" + NOCACHE.substring(24);   // im_vif 3, im_vif_hi 1
        assertEquals(259, Upcall.parse(seg(highVif), 28).vif());
    }

    @Test
    void malformedUpcallsAreRefused() {
        assertNull(Upcall.parse(seg(NOCACHE), 19), "shorter than struct igmpmsg");
        assertNull(Upcall.parse(seg(V3_REPORT), 40), "byte 9 is 2: IGMP, not an upcall");
        assertNull(Upcall.parse(seg("44" + NOCACHE.substring(2)), 28), "IHL 4: shorter than an IP header");
        assertNull(Upcall.parse(seg("48" + NOCACHE.substring(2)), 28), "IHL 8: longer than what was read");
    }

    @Test
    void aCapturedReportsHeaderGivesTtlAddressesAndRouterAlert() {
        IpHeader h = IpHeader.parse(seg(V3_REPORT), 40);
        assertEquals(new IpHeader(24, 40, 1, 2, 0x0a000202, 0xe0000016, true), h);
    }

    @Test
    void routerAlertIsFoundAmongOtherOptionsAndNotInMalformedOnes() {
        String base = "4" + "%x" + "c00028000040000102f7f70a000202e0000016";
        // NOP, NOP, Router Alert: found after no-operations
        assertTrue(header(base, "0101" + "94040000" + "0000").routerAlert());
        // Record Route (type 7, length 7) then Router Alert
        assertTrue(header(base, "070704" + "00000000" + "94040000" + "00").routerAlert());
        // End of options before it: what follows is padding
        assertFalse(header(base, "00" + "94040000" + "000000").routerAlert());
        // A length running past the header ends the walk
        assertFalse(header(base, "0709" + "000000" + "94040000" + "00").routerAlert());
        // A length below 2 is malformed
        assertFalse(header(base, "0701" + "94040000" + "0000").routerAlert());
        // Router Alert with a wrong length is not a Router Alert
        assertFalse(header(base, "9403" + "00" + "00").routerAlert());
        // No options at all
        IpHeader plain = IpHeader.parse(seg("45c0001c000040000102f7f70a000202e0000016"), 20);
        assertFalse(plain.routerAlert());
        assertEquals(20, plain.headerLength());
    }

    @Test
    void malformedIpHeadersAreRefused() {
        assertNull(IpHeader.parse(seg(V3_REPORT), 19));
        assertNull(IpHeader.parse(seg("66" + V3_REPORT.substring(2)), 40), "version 6");
        assertNull(IpHeader.parse(seg("4f" + V3_REPORT.substring(2)), 40), "IHL 15: 60 bytes, more than read");
        assertNull(IpHeader.parse(seg("43" + V3_REPORT.substring(2)), 40), "IHL 3");
    }

    @Test
    void theArrivalInterfaceIsFoundInTheControlMessages() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment c = arena.allocate(96, 8);
            // first an IP_TTL message (CMSG_LEN(4) = 20, aligned to 24), then IP_PKTINFO for interface 7
            c.set(ValueLayout.JAVA_LONG, 0, 20);
            c.set(ValueLayout.JAVA_INT, 8, Libc.IPPROTO_IP);
            c.set(ValueLayout.JAVA_INT, 12, Libc.IP_TTL);
            c.set(ValueLayout.JAVA_LONG, 24, 28);
            c.set(ValueLayout.JAVA_INT, 32, Libc.IPPROTO_IP);
            c.set(ValueLayout.JAVA_INT, 36, Libc.IP_PKTINFO);
            c.set(ValueLayout.JAVA_INT, 40, 7);
            assertEquals(7, SocketReader.arrivalIfIndex(c, 56));
            assertEquals(0, SocketReader.arrivalIfIndex(c, 24), "the kernel filled only the first");
            assertEquals(0, SocketReader.arrivalIfIndex(c, 0), "no control message");
            c.set(ValueLayout.JAVA_LONG, 0, 200);
            assertEquals(0, SocketReader.arrivalIfIndex(c, 56), "a length beyond the buffer ends the walk");
        }
    }

    private static IpHeader header(String base, String options) {
        int ihl = 5 + options.length() / 8;
        return IpHeader.parse(seg(String.format(base, ihl) + options), 20 + options.length() / 2);
    }

    static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(HexFormat.of().parseHex(hex));
    }

    private static String hex(MemorySegment s) {
        return HexFormat.of().formatHex(s.toArray(ValueLayout.JAVA_BYTE));
    }
}
