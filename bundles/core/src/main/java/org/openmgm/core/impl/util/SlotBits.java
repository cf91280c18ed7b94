package org.openmgm.core.impl.util;

import java.util.function.IntConsumer;

/**
 * Sets of small non-negative integers (interface slots) as {@code long[]} bit words that grow on
 * demand; {@code null} is the empty set. Every mutator returns the array to keep (which may be a
 * new one), so callers write {@code bits = SlotBits.set(bits, slot)}.
 */
public final class SlotBits {

    private SlotBits() {
    }

    public static boolean get(long[] bits, int slot) {
        int w = slot >>> 6;
        return bits != null && w < bits.length && (bits[w] & (1L << slot)) != 0;
    }

    public static long[] set(long[] bits, int slot) {
        int w = slot >>> 6;
        long[] b = bits;
        if (b == null) {
            b = new long[w + 1];
        } else if (w >= b.length) {
            b = java.util.Arrays.copyOf(b, w + 1);
        }
        b[w] |= 1L << slot;
        return b;
    }

    /** Clears the bit; returns {@code null} once the set is empty. */
    public static long[] clear(long[] bits, int slot) {
        int w = slot >>> 6;
        if (bits == null || w >= bits.length) {
            return bits;
        }
        bits[w] &= ~(1L << slot);
        return isEmpty(bits) ? null : bits;
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

    /** Returns a copy (or {@code null} for the empty set). */
    public static long[] copy(long[] bits) {
        return isEmpty(bits) ? null : bits.clone();
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
        return u;
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
        return isEmpty(d) ? null : d;
    }
}
