package org.openmgm.core.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.InterfaceId;

/**
 * The interfaces the MGM knows, by id and by slot. Slots are small integers reused after an
 * interface is forgotten, so that interface sets are compact bit sets. Guarded by the MGM lock.
 */
final class InterfaceTable {

    private final Map<InterfaceId, InterfaceEntry> byId = new HashMap<>();
    private InterfaceEntry[] bySlot = new InterfaceEntry[64];
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private int nextSlot;

    InterfaceEntry get(InterfaceId id) {
        return byId.get(id);
    }

    /** The entry held by someone, or {@code null}. */
    InterfaceEntry held(InterfaceId id) {
        InterfaceEntry e = byId.get(id);
        return e != null && e.isHeld() ? e : null;
    }

    InterfaceEntry bySlot(int slot) {
        return bySlot[slot];
    }

    InterfaceEntry getOrCreate(InterfaceId id) {
        InterfaceEntry e = byId.get(id);
        if (e == null) {
            Integer free = freeSlots.poll();
            int slot = free != null ? free : nextSlot++;
            if (slot >= bySlot.length) {
                bySlot = Arrays.copyOf(bySlot, bySlot.length * 2);
            }
            e = new InterfaceEntry(id, slot);
            byId.put(id, e);
            bySlot[slot] = e;
        }
        return e;
    }

    /** Forgets an entry once nobody holds it and no MFE uses it. */
    void forgetIfUnused(InterfaceEntry e) {
        if (!e.isHeld() && e.mfeReferences == 0 && byId.get(e.id) == e) {
            byId.remove(e.id);
            bySlot[e.slot] = null;
            freeSlots.push(e.slot);
        }
    }

    Collection<InterfaceEntry> all() {
        return byId.values();
    }

    List<InterfaceEntry> heldEntries() {
        List<InterfaceEntry> held = new ArrayList<>();
        for (InterfaceEntry e : byId.values()) {
            if (e.isHeld()) {
                held.add(e);
            }
        }
        return held;
    }

    void clear() {
        byId.clear();
        Arrays.fill(bySlot, null);
        freeSlots.clear();
        nextSlot = 0;
    }
}
