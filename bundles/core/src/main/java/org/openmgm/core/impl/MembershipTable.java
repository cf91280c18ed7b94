package org.openmgm.core.impl;

import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.util.LongObjectMap;
import org.openmgm.core.impl.util.SlotBits;

/**
 * The JOIN memberships (spec §2.6), by packed key: for each key, the interface slots where the
 * routing owner holds one and those where IGMP holds one. Since a membership's client is always
 * the routing owner of its interface or IGMP there ([RES Q33]), these two bit sets describe every
 * entry. Guarded by the MGM lock.
 */
final class MembershipTable {

    /** The memberships of one key. */
    static final class KeyEntry {
        final long key;
        long[] owner;
        long[] igmp;

        KeyEntry(long key) {
            this.key = key;
        }

        boolean has(int slot, boolean byIgmp) {
            return SlotBits.get(byIgmp ? igmp : owner, slot);
        }

        boolean hasAny(int slot) {
            return SlotBits.get(owner, slot) || SlotBits.get(igmp, slot);
        }

        boolean isEmpty() {
            return owner == null && igmp == null;
        }

        /** Interfaces with at least one membership of this key. */
        long[] slots() {
            return SlotBits.union(owner, igmp);
        }
    }

    private final LongObjectMap<KeyEntry> byKey = new LongObjectMap<>();
    private int entries;
    /** Changes with every addition or removal, so that a reader can tell nothing changed. */
    private long version;

    KeyEntry get(long key) {
        return byKey.get(key);
    }

    int size() {
        return entries;
    }

    long version() {
        return version;
    }

    /** Records an entry; returns {@code false} if it existed (spec [RES Q16]). */
    boolean add(long key, int slot, boolean byIgmp) {
        KeyEntry e = byKey.computeIfAbsent(key, KeyEntry::new);
        if (e.has(slot, byIgmp)) {
            return false;
        }
        if (byIgmp) {
            e.igmp = SlotBits.set(e.igmp, slot);
        } else {
            e.owner = SlotBits.set(e.owner, slot);
        }
        entries++;
        version++;
        return true;
    }

    /** Removes an entry; returns {@code false} if it did not exist. */
    boolean remove(long key, int slot, boolean byIgmp) {
        KeyEntry e = byKey.get(key);
        if (e == null || !e.has(slot, byIgmp)) {
            return false;
        }
        if (byIgmp) {
            e.igmp = SlotBits.clear(e.igmp, slot);
        } else {
            e.owner = SlotBits.clear(e.owner, slot);
        }
        if (e.isEmpty()) {
            byKey.remove(key);
        }
        entries--;
        version++;
        return true;
    }

    /** Whether a JOIN membership matching data from S to G exists on the slot: (S,G), (*,G) or (*,*). */
    boolean matchesOn(int source, int group, int slot) {
        return hasAny(Ipv4.key(source, group), slot) || hasAny(Ipv4.key(0, group), slot) || hasAny(0L, slot);
    }

    private boolean hasAny(long key, int slot) {
        KeyEntry e = byKey.get(key);
        return e != null && e.hasAny(slot);
    }

    /** Cand of spec §2.7.4 before removing the iif: every slot with a matching JOIN membership. */
    long[] candidates(int source, int group) {
        long[] c = null;
        for (long key : new long[] {Ipv4.key(source, group), Ipv4.key(0, group), 0L}) {
            KeyEntry e = byKey.get(key);
            if (e != null) {
                c = SlotBits.union(c, e.slots());
            }
        }
        return c;
    }

    void forEach(LongObjectMap.LongObjConsumer<KeyEntry> action) {
        byKey.forEachEntry(action);
    }

    long[] sortedKeys() {
        return byKey.sortedKeys();
    }

    void clear() {
        byKey.clear();
        entries = 0;
    }
}
