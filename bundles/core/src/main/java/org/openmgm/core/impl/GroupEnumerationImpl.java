package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.List;

import org.openmgm.api.EnumerationType;
import org.openmgm.api.GroupEnumeration;
import org.openmgm.api.MgmException;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;

/**
 * An open group enumeration (spec §3.15–3.17): the sorted keys captured at open ([RES Q38]) and a
 * read position. Closed explicitly or when its client deregisters ([RES Q30]).
 */
final class GroupEnumerationImpl implements GroupEnumeration {

    private final EnumerationType type;
    private final long[] keys;
    private final Client owner;
    private int position;
    private boolean closed;

    GroupEnumerationImpl(EnumerationType type, long[] sortedKeys, Client owner) {
        this.type = type;
        this.keys = type == EnumerationType.ALL_SOURCES ? sortedKeys : groupPatterns(sortedKeys);
        this.owner = owner;
    }

    /** ANY_SOURCE ([RES Q26]): (S,G) and (*,G) become (*,G), (*,*) stays; keys are group-major, so duplicates are adjacent. */
    private static long[] groupPatterns(long[] sortedKeys) {
        long[] out = new long[sortedKeys.length];
        int n = 0;
        for (long k : sortedKeys) {
            long pattern = Ipv4.key(0, Ipv4.group(k));
            if (n == 0 || out[n - 1] != pattern) {
                out[n++] = pattern;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public EnumerationType type() {
        return type;
    }

    @Override
    public synchronized List<SourceGroup> next(int maxEntries) {
        if (closed || !owner.isActive()) {
            throw MgmException.invalid("group enumeration is closed");
        }
        if (maxEntries < 1) {
            throw MgmException.invalid("maxEntries must be at least 1, got " + maxEntries);
        }
        int end = Math.min(keys.length, position + maxEntries);
        List<SourceGroup> batch = new ArrayList<>(end - position);
        for (; position < end; position++) {
            batch.add(Ipv4.sourceGroup(keys[position]));
        }
        return batch;
    }

    @Override
    public synchronized boolean hasMore() {
        return !closed && owner.isActive() && position < keys.length;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
