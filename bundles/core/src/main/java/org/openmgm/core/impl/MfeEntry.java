package org.openmgm.core.impl;

import org.openmgm.api.RouteInfo;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.core.impl.util.SlotBits;

/**
 * One MFE (spec §2.7) in the MGM's table, compact because there may be millions: the packed key,
 * the incoming interface, the outgoing interfaces as a slot bit set with the SUPPRESSED and FORCED
 * marks of §2.7.4, and its timers. Guarded by the MGM lock.
 */
final class MfeEntry {

    /** group << 32 | source; mutable only for the table's lookup probe. */
    long key;
    InterfaceEntry iif;
    int upstream;
    RouteInfo route;
    long createdMillis;
    /** ulTimeOut in ms; 0 = never ages. */
    long lifetimeMillis;
    /** Absolute expiry time in ms; 0 = never. */
    long deadlineMillis;
    /** OIF = (Cand − SUPPRESSED) ∪ (FORCED − iif), kept up to date. */
    long[] oif;
    long[] suppressed;
    long[] forced;
    /** Links of the expiry wheel bucket this entry is in. */
    MfeEntry wheelPrev;
    MfeEntry wheelNext;
    int wheelBucket = -1;
    /** False once deleted: pending work on it (e.g. a prune lifetime) is dropped. */
    boolean live = true;

    MfeEntry(long key) {
        this.key = key;
    }

    int source() {
        return Ipv4.source(key);
    }

    int group() {
        return Ipv4.group(key);
    }

    boolean hasOif() {
        return !SlotBits.isEmpty(oif);
    }

    /** Whether the slot is mentioned: as iif, OIF or in a mark (the purge test of [RES Q12]). */
    boolean mentions(int slot) {
        return iif.slot == slot || SlotBits.get(oif, slot) || SlotBits.get(suppressed, slot)
                || SlotBits.get(forced, slot);
    }

    @Override
    public String toString() {
        return "(" + Ipv4.toString(source()) + ", " + Ipv4.toString(group()) + ")";
    }
}
