package org.openmgm.core.impl;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Per-client counts of delivered, failed and slow callbacks, by kind. Thread-safe. */
final class CallbackCounters {

    private final Map<CallbackKind, LongAdder> delivered = counters();
    private final Map<CallbackKind, LongAdder> failed = counters();
    private final Map<CallbackKind, LongAdder> slow = counters();

    void delivered(CallbackKind kind) {
        delivered.get(kind).increment();
    }

    void failed(CallbackKind kind) {
        failed.get(kind).increment();
    }

    void slow(CallbackKind kind) {
        slow.get(kind).increment();
    }

    long deliveredCount(CallbackKind kind) {
        return delivered.get(kind).sum();
    }

    long failedCount(CallbackKind kind) {
        return failed.get(kind).sum();
    }

    long slowCount(CallbackKind kind) {
        return slow.get(kind).sum();
    }

    private static Map<CallbackKind, LongAdder> counters() {
        Map<CallbackKind, LongAdder> m = new EnumMap<>(CallbackKind.class);
        for (CallbackKind k : CallbackKind.values()) {
            m.put(k, new LongAdder());
        }
        return m;
    }
}
