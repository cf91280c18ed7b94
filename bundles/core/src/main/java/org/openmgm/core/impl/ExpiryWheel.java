package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * MFE lifetimes (spec §2.7.6): a hashed timing wheel of one-second buckets holding intrusive
 * lists, so that adding, re-arming and removing an entry cost O(1) and a tick touches only the
 * entries of the seconds that passed. Entries due in a later turn of the wheel stay in their
 * bucket. Guarded by the MGM lock.
 */
final class ExpiryWheel {

    private static final int BUCKETS = 1024;

    private final MfeEntry[] heads = new MfeEntry[BUCKETS];
    private long lastTickSecond;

    ExpiryWheel(long nowMillis) {
        lastTickSecond = nowMillis / 1000;
    }

    /** Arms (or re-arms) an entry for its {@code deadlineMillis}; a deadline of 0 disarms it. */
    void schedule(MfeEntry e) {
        remove(e);
        if (e.deadlineMillis == 0) {
            return;
        }
        // Never put an entry behind the hand: it would wait a whole turn.
        long second = Math.max(ceilSeconds(e.deadlineMillis), lastTickSecond + 1);
        int bucket = (int) (second % BUCKETS);
        e.wheelBucket = bucket;
        e.wheelPrev = null;
        e.wheelNext = heads[bucket];
        if (e.wheelNext != null) {
            e.wheelNext.wheelPrev = e;
        }
        heads[bucket] = e;
    }

    void remove(MfeEntry e) {
        if (e.wheelBucket < 0) {
            return;
        }
        if (e.wheelPrev != null) {
            e.wheelPrev.wheelNext = e.wheelNext;
        } else {
            heads[e.wheelBucket] = e.wheelNext;
        }
        if (e.wheelNext != null) {
            e.wheelNext.wheelPrev = e.wheelPrev;
        }
        e.wheelPrev = null;
        e.wheelNext = null;
        e.wheelBucket = -1;
    }

    /** Moves the hand to now and returns (and disarms) the entries whose deadline passed. */
    List<MfeEntry> advance(long nowMillis) {
        List<MfeEntry> due = new ArrayList<>();
        long nowSecond = nowMillis / 1000;
        long from = lastTickSecond + 1;
        long to = Math.min(nowSecond, lastTickSecond + BUCKETS);
        for (long s = from; s <= to; s++) {
            collect((int) (s % BUCKETS), nowMillis, due);
        }
        lastTickSecond = Math.max(lastTickSecond, nowSecond);
        return due;
    }

    private void collect(int bucket, long nowMillis, List<MfeEntry> due) {
        for (MfeEntry e = heads[bucket]; e != null; ) {
            MfeEntry next = e.wheelNext;
            if (e.deadlineMillis <= nowMillis) {
                remove(e);
                due.add(e);
            }
            e = next;
        }
    }

    void clear() {
        java.util.Arrays.fill(heads, null);
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
