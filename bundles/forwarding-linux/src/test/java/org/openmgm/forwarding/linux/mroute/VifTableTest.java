package org.openmgm.forwarding.linux.mroute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** VIF slots: lowest free for interfaces, highest free as "nowhere", and the two kept apart. */
class VifTableTest {

    final VifTable t = new VifTable();

    @Test
    void interfacesTakeTheLowestFreeSlot() {
        t.occupy(t.pickFree(), 7);
        t.occupy(t.pickFree(), 9);
        assertEquals(0, t.vifOf(7));
        assertEquals(1, t.vifOf(9));
        assertEquals(-1, t.vifOf(8));
        t.release(0);
        assertEquals(0, t.pickFree(), "a freed slot is reused");
        assertEquals(9, t.ifIndexOf(1));
        assertEquals(0, t.ifIndexOf(0));
        assertEquals(0, t.ifIndexOf(40), "out of range");
        assertEquals(1, t.count());
    }

    @Test
    void nowhereIsTheHighestFreeSlotAndNewInterfacesAvoidIt() {
        assertEquals(31, t.nowhere());
        for (int i = 0; i < 31; i++) {
            int v = t.pickFree();
            assertEquals(i, v, "never the nowhere slot while another is free");
            t.occupy(v, 100 + i);
        }
        assertEquals(31, t.pickFree(), "the last one: the caller moves the entries pointing there");
        t.occupy(31, 200);
        assertEquals(-1, t.nowhere(), "all 32 slots hold interfaces");
        assertEquals(-1, t.pickFree());
        t.release(5);
        assertEquals(5, t.nowhere());
        assertEquals(5, t.pickFree());
        t.forgetNowhere();
        t.clear();
        assertEquals(0, t.count());
        assertEquals(31, t.nowhere());
    }

    @Test
    void snapshotsAreCopies() {
        t.occupy(0, 3);
        int[] s = t.snapshot();
        t.release(0);
        assertEquals(3, s[0]);
        assertEquals(32, s.length);
    }
}
