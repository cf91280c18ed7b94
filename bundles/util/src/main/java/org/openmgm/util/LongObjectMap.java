package org.openmgm.util;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * A hash map from primitive {@code long} keys to objects: open addressing, linear probing,
 * backward-shift deletion, no boxing, 16 to 32 bytes per entry (load factor 0.75). The key 0 is
 * allowed (it lives outside the table). Not thread-safe; values must not be {@code null}.
 *
 * @param <V> the value type
 */
public final class LongObjectMap<V> {

    private static final float LOAD = 0.75f;

    private long[] keys;
    private Object[] values;
    private int size;
    private int threshold;
    private Object zeroValue;

    /** Creates an empty map. */
    public LongObjectMap() {
        allocate(16);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        threshold = (int) (capacity * LOAD);
    }

    public int size() {
        return size + (zeroValue != null ? 1 : 0);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        if (key == 0) {
            return (V) zeroValue;
        }
        int mask = keys.length - 1;
        for (int i = Hashing.mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /** Associates the value with the key; returns the previous value or {@code null}. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        if (key == 0) {
            V old = (V) zeroValue;
            zeroValue = value;
            return old;
        }
        int mask = keys.length - 1;
        int i = Hashing.mix(key) & mask;
        for (; keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size > threshold) {
            rehash(keys.length * 2);
        }
        return null;
    }

    /** Returns the value for the key, creating and storing one first if absent. */
    public V computeIfAbsent(long key, LongFunction<V> factory) {
        V v = get(key);
        if (v == null) {
            v = factory.apply(key);
            put(key, v);
        }
        return v;
    }

    /** Removes the key; returns its value or {@code null}. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        if (key == 0) {
            V old = (V) zeroValue;
            zeroValue = null;
            return old;
        }
        int mask = keys.length - 1;
        for (int i = Hashing.mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == 0) {
                return null;
            }
            if (k == key) {
                V old = (V) values[i];
                shiftBack(i, mask);
                size--;
                return old;
            }
        }
    }

    /** Closes the gap at {@code gap} by moving later members of the probe chain back. */
    private void shiftBack(int gap, int mask) {
        int i = gap;
        while (true) {
            i = (i + 1) & mask;
            long k = keys[i];
            if (k == 0) {
                break;
            }
            int home = Hashing.mix(k) & mask;
            // Move k into the gap if its home is not in the cyclic range (gap, i].
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                keys[gap] = k;
                values[gap] = values[i];
                gap = i;
            }
        }
        keys[gap] = 0;
        values[gap] = null;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != 0) {
                int i = Hashing.mix(k) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    /** Calls the action for every entry, in no particular order. The map must not change meanwhile. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Long, V> action) {
        forEachEntry((k, v) -> action.accept(k, v));
    }

    /** Like {@link #forEach} without boxing the key. */
    @SuppressWarnings("unchecked")
    public void forEachEntry(LongObjConsumer<V> action) {
        if (zeroValue != null) {
            action.accept(0, (V) zeroValue);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    /** Returns the keys in unsigned ascending order. */
    public long[] sortedKeys() {
        long[] out = new long[size()];
        int n = 0;
        if (zeroValue != null) {
            out[n++] = 0;
        }
        for (long k : keys) {
            if (k != 0) {
                out[n++] = k ^ Long.MIN_VALUE;
            }
        }
        Arrays.sort(out, zeroValue != null ? 1 : 0, n);
        for (int i = zeroValue != null ? 1 : 0; i < n; i++) {
            out[i] ^= Long.MIN_VALUE;
        }
        return out;
    }

    public void clear() {
        allocate(16);
        size = 0;
        zeroValue = null;
    }

    /** An action on a primitive key and a value. */
    @FunctionalInterface
    public interface LongObjConsumer<V> {
        /** Accepts one entry. */
        void accept(long key, V value);
    }
}
