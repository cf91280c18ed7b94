package org.openmgm.forwarding.linux.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;

/**
 * The RFC 3678 structures match x86-64 Linux (sizes and offsets as gcc reports them for
 * netinet/in.h: sizeof(struct group_req) 136, group_source_req 264, GROUP_FILTER_SIZE(0) 144).
 */
class GroupRequestsTest {

    @Test
    void sizesAndOffsetsAreTheKernels() {
        assertEquals(136, GroupRequests.GROUP_REQ);
        assertEquals(8, GroupRequests.GROUP, "gr_group after the index and 4 bytes of padding");
        assertEquals(264, GroupRequests.GROUP_SOURCE_REQ);
        assertEquals(136, GroupRequests.SOURCE);
        assertEquals(136, GroupRequests.FMODE);
        assertEquals(140, GroupRequests.NUMSRC);
        assertEquals(144, GroupRequests.SLIST, "GROUP_FILTER_SIZE(0)");
        assertEquals(List.of(42, 45, 46, 48), List.of(GroupRequests.MCAST_JOIN_GROUP, GroupRequests.MCAST_LEAVE_GROUP,
                GroupRequests.MCAST_JOIN_SOURCE_GROUP, GroupRequests.MCAST_MSFILTER));
    }

    @Test
    void aFilterCarriesModeCountAndEverySourceAsSockaddrIn() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment f = GroupRequests.groupFilter(arena, 7, InetAddress.getByName("239.1.2.3"),
                    FilterMode.INCLUDE, List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2")));
            assertEquals(144 + 2 * 128, f.byteSize(), "GROUP_FILTER_SIZE(2)");
            byte[] b = f.toArray(ValueLayout.JAVA_BYTE);
            assertEquals(7, f.get(ValueLayout.JAVA_INT, 0));
            assertArrayEquals(new byte[] {2, 0, 0, 0, (byte) 239, 1, 2, 3}, slice(b, 8, 8), "AF_INET, port 0, group");
            assertEquals(GroupRequests.MCAST_INCLUDE, f.get(ValueLayout.JAVA_INT, 136));
            assertEquals(2, f.get(ValueLayout.JAVA_INT, 140));
            assertArrayEquals(new byte[] {2, 0, 0, 0, 10, 0, 0, 1}, slice(b, 144, 8));
            assertArrayEquals(new byte[] {2, 0, 0, 0, 10, 0, 0, 2}, slice(b, 272, 8));

            MemorySegment ex = GroupRequests.groupFilter(arena, 7, InetAddress.getByName("239.1.2.3"),
                    FilterMode.EXCLUDE, List.of());
            assertEquals(144, ex.byteSize());
            assertEquals(GroupRequests.MCAST_EXCLUDE, ex.get(ValueLayout.JAVA_INT, 136));
        }
    }

    @Test
    void aSourceRequestHasGroupThenSource() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            byte[] b = GroupRequests.groupSourceReq(arena, 3, InetAddress.getByName("232.1.1.1"),
                    InetAddress.getByName("192.0.2.9")).toArray(ValueLayout.JAVA_BYTE);
            assertEquals(264, b.length);
            assertArrayEquals(new byte[] {2, 0, 0, 0, (byte) 232, 1, 1, 1}, slice(b, 8, 8));
            assertArrayEquals(new byte[] {2, 0, 0, 0, (byte) 192, 0, 2, 9}, slice(b, 136, 8));
        }
    }

    private static byte[] slice(byte[] b, int from, int length) {
        return java.util.Arrays.copyOfRange(b, from, from + length);
    }
}
