package org.openmgm.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;

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
}
