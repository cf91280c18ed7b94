package org.openmgm.core.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openmgm.api.CallbackRecord;
import org.openmgm.api.ProtocolId;

/**
 * The MGM's flight recorder: the last callbacks it made, in a ring of fixed size. Recording
 * stores references only (the subject is turned into text when someone reads the journal), so a
 * callback costs a few array writes. Thread-safe.
 */
final class CallbackJournal {

    private final int capacity;
    private final long[] atMillis;
    private final long[] tookNanos;
    private final ProtocolId[] protocols;
    private final CallbackKind[] kinds;
    private final Object[] subjects;
    private final CallbackRecord.Outcome[] outcomes;
    private long written;

    CallbackJournal(int capacity) {
        this.capacity = capacity;
        atMillis = new long[capacity];
        tookNanos = new long[capacity];
        protocols = new ProtocolId[capacity];
        kinds = new CallbackKind[capacity];
        subjects = new Object[capacity];
        outcomes = new CallbackRecord.Outcome[capacity];
    }

    int capacity() {
        return capacity;
    }

    void record(ProtocolId protocol, CallbackKind kind, Object subject, long startMillis, long took,
                CallbackRecord.Outcome outcome) {
        if (capacity == 0) {
            return;
        }
        synchronized (this) {
            int i = (int) (written++ % capacity);
            atMillis[i] = startMillis;
            tookNanos[i] = took;
            protocols[i] = protocol;
            kinds[i] = kind;
            subjects[i] = subject;
            outcomes[i] = outcome;
        }
    }

    synchronized List<CallbackRecord> recent(int max) {
        long available = Math.min(written, capacity);
        int n = (int) Math.min(available, max);
        List<CallbackRecord> out = new ArrayList<>(n);
        for (long k = written - n; k < written; k++) {
            int i = (int) (k % capacity);
            out.add(new CallbackRecord(Instant.ofEpochMilli(atMillis[i]), protocols[i], kinds[i].label(),
                    String.valueOf(subjects[i]), Duration.ofNanos(tookNanos[i]), outcomes[i]));
        }
        return out;
    }
}
