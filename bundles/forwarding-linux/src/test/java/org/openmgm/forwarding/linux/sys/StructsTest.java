package org.openmgm.forwarding.linux.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The structure layouts match the C structures of x86-64 Linux (sizes and offsets as {@code gcc}
 * reports them for include/uapi/linux/mroute.h, linux/in.h, bits/socket.h, poll.h).
 */
class StructsTest {

    @Test
    void multicastRoutingStructuresHaveTheKernelsSizesAndOffsets() {
        assertEquals(16, Structs.VIFCTL.byteSize(), "sizeof(struct vifctl)");
        assertEquals(0, Structs.VIFC_VIFI);
        assertEquals(2, Structs.VIFC_FLAGS);
        assertEquals(3, Structs.VIFC_THRESHOLD);
        assertEquals(8, Structs.VIFC_LCL_IFINDEX);

        assertEquals(60, Structs.MFCCTL.byteSize(), "sizeof(struct mfcctl)");
        assertEquals(0, Structs.MFCC_ORIGIN);
        assertEquals(4, Structs.MFCC_MCASTGRP);
        assertEquals(8, Structs.MFCC_PARENT);
        assertEquals(10, Structs.MFCC_TTLS, "mfcc_ttls[MAXVIFS] right after the 16-bit parent");

        assertEquals(20, Structs.IGMPMSG.byteSize(), "sizeof(struct igmpmsg)");
        assertEquals(8, Structs.IM_MSGTYPE, "over the IP TTL");
        assertEquals(9, Structs.IM_MBZ, "over the IP protocol: 0 marks an upcall");
        assertEquals(10, Structs.IM_VIF);
        assertEquals(11, Structs.IM_VIF_HI);
        assertEquals(12, Structs.IM_SRC);
        assertEquals(16, Structs.IM_DST);

        assertEquals(32, Structs.SIOC_SG_REQ.byteSize(), "sizeof(struct sioc_sg_req): three unsigned longs");
        assertEquals(8, Structs.SG_PKTCNT);
        assertEquals(16, Structs.SG_BYTECNT);
        assertEquals(24, Structs.SG_WRONG_IF);

        assertEquals(40, Structs.SIOC_VIF_REQ.byteSize(), "sizeof(struct sioc_vif_req)");
        assertEquals(8, Structs.VIF_ICOUNT, "the unsigned longs are 8-aligned after the 16-bit vifi");
        assertEquals(16, Structs.VIF_OCOUNT);
        assertEquals(24, Structs.VIF_IBYTES);
        assertEquals(32, Structs.VIF_OBYTES);
    }

    @Test
    void socketStructuresHaveTheLibcSizesAndOffsets() {
        assertEquals(12, Structs.IP_MREQN.byteSize());
        assertEquals(8, Structs.IMR_IFINDEX);
        assertEquals(12, Structs.IN_PKTINFO.byteSize());
        assertEquals(4, Structs.IPI_SPEC_DST);
        assertEquals(16, Structs.SOCKADDR_IN.byteSize());
        assertEquals(4, Structs.SIN_ADDR);
        assertEquals(12, Structs.SOCKADDR_NL.byteSize());
        assertEquals(4, Structs.NL_PID);
        assertEquals(16, Structs.IOVEC.byteSize());
        assertEquals(56, Structs.MSGHDR.byteSize());
        assertEquals(8, Structs.MSG_NAMELEN);
        assertEquals(16, Structs.MSG_IOV);
        assertEquals(24, Structs.MSG_IOVLEN);
        assertEquals(32, Structs.MSG_CONTROL);
        assertEquals(40, Structs.MSG_CONTROLLEN);
        assertEquals(48, Structs.MSG_FLAGS);
        assertEquals(16, Structs.CMSGHDR.byteSize());
        assertEquals(16, Structs.CMSG_DATA);
        assertEquals(8, Structs.POLLFD.byteSize());
        assertEquals(6, Structs.POLL_REVENTS);
    }

    @Test
    void controlMessageMacrosAlignToEightBytes() {
        assertEquals(28, Structs.cmsgLen(12), "CMSG_LEN(sizeof(struct in_pktinfo))");
        assertEquals(32, Structs.cmsgSpace(12), "CMSG_SPACE(sizeof(struct in_pktinfo))");
        assertEquals(24, Structs.cmsgSpace(4), "CMSG_SPACE(sizeof(int))");
        assertEquals(0, Structs.cmsgAlign(0));
        assertEquals(8, Structs.cmsgAlign(1));
    }

    @Test
    void addressesAreWrittenInNetworkOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Structs.SOCKADDR_IN);
            s.fill((byte) 0x55);
            Structs.sockaddrIn(s, 0xe0000001, 0x1234);
            // family AF_INET (2) in host order (little-endian here), port and address big-endian, zero padding
            assertEquals("0200" + "1234" + "e0000001" + "0000000000000000",
                    HexFormat.of().formatHex(s.toArray(ValueLayout.JAVA_BYTE)));
        }
    }
}
