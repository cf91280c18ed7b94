package org.openmgm.util;

import java.util.function.LongConsumer;

/**
 * A hash set of primitive {@code long}s: open addressing, linear probing, backward-shift
 * deletion, 11 to 21 bytes per element (load factor 0.75). The value 0 is allowed. Not
 * thread-safe.
 */
public final class LongHashSet {

    private static final float LOAD = 0.75f;

    private long[] keys = new long[8];
    private int size;
    private int threshold = (int) (8 * LOAD);
    private boolean hasZero;

    public int size() {
        return size + (hasZero ? 1 : 0);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public boolean contains(long key) {
        if (key == 0) {
            return hasZero;
        }
        int mask = keys.length - 1;
        for (int i = Hashing.mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return true;
            }
            if (keys[i] == 0) {
                return false;
            }
        }
    }

    /** Adds the key; returns {@code true} if it was not there. */
    public boolean add(long key) {
        if (key == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        int mask = keys.length - 1;
        int i = Hashing.mix(key) & mask;
        for (; keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return false;
            }
        }
        keys[i] = key;
        if (++size > threshold) {
            rehash(keys.length * 2);
        }
        return true;
    }

    /** Removes the key; returns {@code true} if it was there. */
    public boolean remove(long key) {
        if (key == 0) {
            boolean removed = hasZero;
            hasZero = false;
            return removed;
        }
        int mask = keys.length - 1;
        for (int i = Hashing.mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                return false;
            }
            if (keys[i] == key) {
                int gap = i;
                int j = i;
                while (true) {
                    j = (j + 1) & mask;
                    long k = keys[j];
                    if (k == 0) {
                        break;
                    }
                    int home = Hashing.mix(k) & mask;
                    if (((j - home) & mask) >= ((j - gap) & mask)) {
                        keys[gap] = k;
                        gap = j;
                    }
                }
                keys[gap] = 0;
                size--;
                return true;
            }
        }
    }

    private void rehash(int capacity) {
        long[] old = keys;
        keys = new long[capacity];
        threshold = (int) (capacity * LOAD);
        int mask = capacity - 1;
        for (long k : old) {
            if (k != 0) {
                int i = Hashing.mix(k) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
            }
        }
    }

    /** Calls the action for every element; the set must not change meanwhile. */
    public void forEach(LongConsumer action) {
        if (hasZero) {
            action.accept(0);
        }
        for (long k : keys) {
            if (k != 0) {
                action.accept(k);
            }
        }
    }

    /** Returns the elements in no particular order. */
    public long[] toArray() {
        long[] out = new long[size()];
        int n = 0;
        if (hasZero) {
            out[n++] = 0;
        }
        for (long k : keys) {
            if (k != 0) {
                out[n++] = k;
            }
        }
        return out;
    }
}
