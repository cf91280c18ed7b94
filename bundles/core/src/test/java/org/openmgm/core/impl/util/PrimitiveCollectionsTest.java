package org.openmgm.core.impl.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The primitive collections against java.util references under random churn, including the key 0. */
class PrimitiveCollectionsTest {

    @RepeatedTest(5)
    void longObjectMapBehavesLikeAHashMap() {
        Random rnd = new Random();
        LongObjectMap<String> map = new LongObjectMap<>();
        Map<Long, String> ref = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            long key = rnd.nextInt(3000) - 5;                       // small range: collisions, 0, negatives
            switch (rnd.nextInt(3)) {
                case 0 -> assertEquals(ref.put(key, "v" + i), map.put(key, "v" + i));
                case 1 -> assertEquals(ref.remove(key), map.remove(key));
                default -> assertEquals(ref.get(key), map.get(key));
            }
            assertEquals(ref.size(), map.size());
        }
        Map<Long, String> seen = new HashMap<>();
        map.forEachEntry(seen::put);
        assertEquals(ref, seen);
        long[] sorted = map.sortedKeys();
        assertArrayEquals(ref.keySet().stream().sorted(Long::compareUnsigned).mapToLong(Long::longValue).toArray(), sorted);
    }

    @RepeatedTest(5)
    void longHashSetBehavesLikeAHashSet() {
        Random rnd = new Random();
        LongHashSet set = new LongHashSet();
        Set<Long> ref = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            long key = rnd.nextInt(2000) - 3;
            switch (rnd.nextInt(3)) {
                case 0 -> assertEquals(ref.add(key), set.add(key));
                case 1 -> assertEquals(ref.remove(key), set.remove(key));
                default -> assertEquals(ref.contains(key), set.contains(key));
            }
        }
        assertEquals(ref.size(), set.size());
        Set<Long> seen = new HashSet<>();
        set.forEach(seen::add);
        assertEquals(ref, seen);
    }

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
