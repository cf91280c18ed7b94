package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.openmgm.core.impl.util.Ipv4;

/**
 * The MFEs in (group, source) order (spec §2.7.7): point lookups, the MFEs of one group (for
 * (*,G) changes), ordered walks with key continuation, and their expiry wheel. Keeps the
 * incoming-interface reference counts. Plane programming is the caller's business. Guarded by the
 * MGM lock.
 */
final class MfeTable {

    private static final Comparator<MfeEntry> ORDER = (a, b) -> Long.compareUnsigned(a.key, b.key);

    private final TreeSet<MfeEntry> entries = new TreeSet<>(ORDER);
    /** Reused key for point lookups (the table is only used under the MGM lock); never a view bound. */
    private final MfeEntry probe = new MfeEntry(0);
    final ExpiryWheel wheel;

    MfeTable(long nowMillis) {
        wheel = new ExpiryWheel(nowMillis);
    }

    int size() {
        return entries.size();
    }

    MfeEntry get(long key) {
        probe.key = key;
        MfeEntry e = entries.ceiling(probe);
        return e != null && e.key == key ? e : null;
    }

    void add(MfeEntry e) {
        entries.add(e);
        e.iif.mfeReferences++;
        wheel.schedule(e);
    }

    void remove(MfeEntry e) {
        if (entries.remove(e)) {
            e.live = false;
            e.iif.mfeReferences--;
            wheel.remove(e);
        }
    }

    /** The MFEs a membership key matches (spec [RES Q17]): one for (S,G), a group's for (*,G), all for (*,*). */
    List<MfeEntry> matching(long membershipKey) {
        int source = Ipv4.source(membershipKey);
        int group = Ipv4.group(membershipKey);
        if (group == 0) {
            return new ArrayList<>(entries);
        }
        if (source != 0) {
            MfeEntry e = get(membershipKey);
            return e == null ? List.of() : List.of(e);
        }
        probe.key = Ipv4.key(0, group);
        MfeEntry first = entries.ceiling(probe);
        if (first == null || first.group() != group) {
            return List.of();                            // no MFE of the group: the usual case
        }
        List<MfeEntry> ofGroup = new ArrayList<>();
        // A fresh key object: a view keeps its bound, which the shared probe would change under it.
        for (MfeEntry e : entries.tailSet(new MfeEntry(Ipv4.key(0, group)), true)) {
            if (e.group() != group) {
                break;
            }
            ofGroup.add(e);
        }
        return ofGroup;
    }

    /** Entries strictly after a key, in order ({@code null}: from the start). */
    NavigableSet<MfeEntry> after(Long key) {
        if (key == null) {
            return entries;
        }
        return entries.tailSet(new MfeEntry(key), false);
    }

    /** A copy of every entry, in order. */
    List<MfeEntry> all() {
        return new ArrayList<>(entries);
    }

    void clear() {
        for (MfeEntry e : entries) {
            e.live = false;
        }
        entries.clear();
        wheel.clear();
    }
}
