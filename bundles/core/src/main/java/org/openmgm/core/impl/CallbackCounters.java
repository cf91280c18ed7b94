package org.openmgm.core.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.openmgm.api.CallbackCounts;

/** Per-client counts of delivered, failed, slow and skipped callbacks, by kind. Thread-safe. */
final class CallbackCounters {

    private final LongAdder[] delivered = counters();
    private final LongAdder[] failed = counters();
    private final LongAdder[] slow = counters();
    private final LongAdder[] skipped = counters();
    private final LongAdder[] stalled = counters();

    void delivered(CallbackKind kind) {
        delivered[kind.ordinal()].increment();
    }

    void failed(CallbackKind kind) {
        failed[kind.ordinal()].increment();
    }

    void slow(CallbackKind kind) {
        slow[kind.ordinal()].increment();
    }

    void skipped(CallbackKind kind) {
        skipped[kind.ordinal()].increment();
    }

    void stalled(CallbackKind kind) {
        stalled[kind.ordinal()].increment();
    }

    long stalledCount(CallbackKind kind) {
        return stalled[kind.ordinal()].sum();
    }

    long deliveredCount(CallbackKind kind) {
        return delivered[kind.ordinal()].sum();
    }

    long failedCount(CallbackKind kind) {
        return failed[kind.ordinal()].sum();
    }

    long slowCount(CallbackKind kind) {
        return slow[kind.ordinal()].sum();
    }

    long skippedCount(CallbackKind kind) {
        return skipped[kind.ordinal()].sum();
    }

    /** The counts of every kind that has any, by the kind's label (e.g. {@code local-join}). */
    Map<String, CallbackCounts> snapshot() {
        Map<String, CallbackCounts> out = new HashMap<>();
        for (CallbackKind kind : CallbackKind.values()) {
            CallbackCounts c = new CallbackCounts(deliveredCount(kind), failedCount(kind), slowCount(kind),
                    skippedCount(kind), stalledCount(kind));
            if (!c.isZero()) {
                out.put(kind.label(), c);
            }
        }
        return out;
    }

    private static LongAdder[] counters() {
        LongAdder[] a = new LongAdder[CallbackKind.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
