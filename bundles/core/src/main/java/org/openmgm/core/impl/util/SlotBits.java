package org.openmgm.core.impl.util;

import java.util.function.IntConsumer;

/**
 * Sets of small non-negative integers (interface slots) as {@code long[]} bit words; {@code null}
 * is the empty set. The arrays are immutable: every "mutator" returns a new array (callers write
 * {@code bits = SlotBits.set(bits, slot)}), and one-word sets are interned, so that the million
 * MFEs forwarding to the same few interfaces share a handful of arrays instead of owning one each.
 * Interning is bounded ({@value #MAX_INTERNED} distinct words), beyond which arrays are simply not
 * shared. Thread-safe.
 */
public final class SlotBits {

    private static final int MAX_INTERNED = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<Long, long[]> INTERNED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private SlotBits() {
    }

    /** The canonical array for this content (one-word sets), or the array itself. */
    private static long[] intern(long[] bits) {
        int last = bits.length - 1;
        while (last >= 0 && bits[last] == 0) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        if (last > 0) {
            return last == bits.length - 1 ? bits : java.util.Arrays.copyOf(bits, last + 1);
        }
        long word = bits[0];
        long[] canonical = INTERNED.get(word);
        if (canonical != null) {
            return canonical;
        }
        long[] one = bits.length == 1 ? bits : new long[] {word};
        if (INTERNED.size() < MAX_INTERNED) {
            long[] raced = INTERNED.putIfAbsent(word, one);
            return raced != null ? raced : one;
        }
        return one;
    }

    public static boolean get(long[] bits, int slot) {
        int w = slot >>> 6;
        return bits != null && w < bits.length && (bits[w] & (1L << slot)) != 0;
    }

    /** Returns the set with the slot added (the same array if it was there). */
    public static long[] set(long[] bits, int slot) {
        if (get(bits, slot)) {
            return bits;
        }
        int w = slot >>> 6;
        long[] b = bits == null ? new long[w + 1] : java.util.Arrays.copyOf(bits, Math.max(bits.length, w + 1));
        b[w] |= 1L << slot;
        return intern(b);
    }

    /** Returns the set without the slot ({@code null} once empty; the same array if it was not there). */
    public static long[] clear(long[] bits, int slot) {
        if (!get(bits, slot)) {
            return bits;
        }
        long[] b = bits.clone();
        b[slot >>> 6] &= ~(1L << slot);
        return intern(b);
    }

    public static boolean isEmpty(long[] bits) {
        if (bits == null) {
            return true;
        }
        for (long w : bits) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    public static int count(long[] bits) {
        int n = 0;
        if (bits != null) {
            for (long w : bits) {
                n += Long.bitCount(w);
            }
        }
        return n;
    }

    public static void forEach(long[] bits, IntConsumer action) {
        if (bits == null) {
            return;
        }
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                action.accept((w << 6) + bit);
                word &= word - 1;
            }
        }
    }

    /** Returns the set itself, normalised ({@code null} for the empty set); arrays are immutable. */
    public static long[] copy(long[] bits) {
        return isEmpty(bits) ? null : bits;
    }

    /** Returns a new set holding both (or one of the arguments when the other is empty). */
    public static long[] union(long[] a, long[] b) {
        if (isEmpty(b)) {
            return a;
        }
        if (isEmpty(a)) {
            return b;
        }
        long[] big = a.length >= b.length ? a : b;
        long[] small = big == a ? b : a;
        long[] u = big.clone();
        for (int i = 0; i < small.length; i++) {
            u[i] |= small[i];
        }
        return intern(u);
    }

    /** Returns a new set of the members of {@code a} that are not in {@code b}. */
    public static long[] minus(long[] a, long[] b) {
        if (isEmpty(a) || isEmpty(b)) {
            return copy(a);
        }
        long[] d = a.clone();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            d[i] &= ~b[i];
        }
        return intern(d);
    }
}
