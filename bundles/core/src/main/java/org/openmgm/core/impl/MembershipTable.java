package org.openmgm.core.impl;

import java.util.Arrays;

import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.util.LongObjectMap;
import org.openmgm.core.impl.util.SlotBits;

/**
 * The JOIN memberships (spec §2.6), by packed key: for each key, the interface slots where the
 * routing owner holds one and those where IGMP holds one. Since a membership's client is always
 * the routing owner of its interface or IGMP there ([RES Q33]), these two bit sets describe every
 * entry. Beside them, the sources excluded from a (*,G) membership (OpenMGM A9, {@code
 * ProtocolRegistration.setExcludedSources}): such a membership does not match data from an
 * excluded source. Guarded by the MGM lock.
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
    /** Excluded sources by {@link #exclusionKey}: immutable sorted arrays, never empty. */
    private final LongObjectMap<int[]> exclusions = new LongObjectMap<>();
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
        if (hasAny(Ipv4.key(source, group), slot) || hasAny(0L, slot)) {
            return true;
        }
        KeyEntry wildcard = byKey.get(Ipv4.key(0, group));
        return wildcard != null && (wildcard.has(slot, false) && !isExcluded(source, group, slot, false)
                || wildcard.has(slot, true) && !isExcluded(source, group, slot, true));
    }

    private boolean hasAny(long key, int slot) {
        KeyEntry e = byKey.get(key);
        return e != null && e.hasAny(slot);
    }

    /** Cand of spec §2.7.4 before removing the iif: every slot with a matching JOIN membership. */
    long[] candidates(int source, int group) {
        long[] c = null;
        KeyEntry exact = byKey.get(Ipv4.key(source, group));
        if (exact != null) {
            c = SlotBits.union(c, exact.slots());
        }
        KeyEntry all = byKey.get(0L);
        if (all != null) {
            c = SlotBits.union(c, all.slots());
        }
        KeyEntry wildcard = byKey.get(Ipv4.key(0, group));
        if (wildcard != null) {
            if (exclusions.isEmpty()) {
                c = SlotBits.union(c, wildcard.slots());
            } else {
                c = SlotBits.union(c, unexcluded(wildcard.owner, source, group, false));
                c = SlotBits.union(c, unexcluded(wildcard.igmp, source, group, true));
            }
        }
        return c;
    }

    private long[] unexcluded(long[] slots, int source, int group, boolean byIgmp) {
        long[] kept = slots;
        for (int w = 0; slots != null && w < slots.length; w++) {
            for (long word = slots[w]; word != 0; word &= word - 1) {
                int slot = (w << 6) + Long.numberOfTrailingZeros(word);
                if (isExcluded(source, group, slot, byIgmp)) {
                    kept = SlotBits.clear(kept, slot);
                }
            }
        }
        return kept;
    }

    // ---------------------------------------------------------------- excluded sources (OpenMGM A9)

    private static long exclusionKey(int group, int slot, boolean byIgmp) {
        return (long) group << 32 | (long) slot << 1 | (byIgmp ? 1 : 0);
    }

    /** Whether the (*,G) membership of the slot's owner (or IGMP) excludes the source. */
    boolean isExcluded(int source, int group, int slot, boolean byIgmp) {
        int[] excluded = exclusions.get(exclusionKey(group, slot, byIgmp));
        return excluded != null && Arrays.binarySearch(excluded, source) >= 0;
    }

    /** The excluded sources of one (*,G) membership, sorted; empty if none. */
    int[] excluded(int group, int slot, boolean byIgmp) {
        int[] excluded = exclusions.get(exclusionKey(group, slot, byIgmp));
        return excluded == null ? new int[0] : excluded;
    }

    /** Replaces the excluded sources (sorted, no duplicates; empty removes); returns the previous ones. */
    int[] setExcluded(int group, int slot, boolean byIgmp, int[] sortedSources) {
        long k = exclusionKey(group, slot, byIgmp);
        int[] previous = sortedSources.length == 0 ? exclusions.remove(k) : exclusions.put(k, sortedSources);
        return previous == null ? new int[0] : previous;
    }

    /** Forgets every exclusion of the slot's owner (or IGMP) there, e.g. when it loses the interface. */
    void clearExclusions(int slot, boolean byIgmp) {
        if (exclusions.isEmpty()) {
            return;
        }
        long[] keys = exclusions.sortedKeys();
        for (long k : keys) {
            if ((int) ((k & 0xFFFF_FFFFL) >>> 1) == slot && ((k & 1) == 1) == byIgmp) {
                exclusions.remove(k);
            }
        }
    }

    void forEach(LongObjectMap.LongObjConsumer<KeyEntry> action) {
        byKey.forEachEntry(action);
    }

    long[] sortedKeys() {
        return byKey.sortedKeys();
    }

    void clear() {
        byKey.clear();
        exclusions.clear();
        entries = 0;
    }
}
