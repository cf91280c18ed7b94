package org.openmgm.core.impl.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Slot bit sets and the packed IPv4 keys. */
class SlotBitsTest {

    @Test
    void slotBitsGrowAndShrink() {
        long[] bits = null;
        bits = SlotBits.set(bits, 3);
        bits = SlotBits.set(bits, 130);
        assertEquals(2, SlotBits.count(bits));
        assertEquals(true, SlotBits.get(bits, 130));
        assertEquals(false, SlotBits.get(bits, 64));
        Set<Integer> members = new HashSet<>();
        SlotBits.forEach(bits, members::add);
        assertEquals(Set.of(3, 130), members);
        assertEquals(Set.of(130), toSet(SlotBits.minus(bits, SlotBits.set(null, 3))));
        assertEquals(Set.of(3, 5, 130), toSet(SlotBits.union(bits, SlotBits.set(null, 5))));
        bits = SlotBits.clear(bits, 3);
        bits = SlotBits.clear(bits, 130);
        assertNull(bits);
    }

    private static Set<Integer> toSet(long[] bits) {
        Set<Integer> s = new HashSet<>();
        SlotBits.forEach(bits, s::add);
        return s;
    }

    @Test
    void ipv4KeysOrderGroupFirstUnsigned() {
        long a = Ipv4.key(Ipv4.toInt(address("200.0.0.1")), Ipv4.toInt(address("224.0.0.1")));
        long b = Ipv4.key(Ipv4.toInt(address("10.0.0.1")), Ipv4.toInt(address("239.0.0.1")));
        long c = Ipv4.key(Ipv4.toInt(address("200.0.0.1")), Ipv4.toInt(address("239.0.0.1")));
        assertEquals(-1, Integer.signum(Ipv4.compare(a, b)));
        assertEquals(-1, Integer.signum(Ipv4.compare(b, c)));
        assertEquals("200.0.0.1", Ipv4.toString(Ipv4.source(c)));
    }

    private static java.net.InetAddress address(String s) {
        try {
            return java.net.InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
