package org.openmgm.util;

/** Hash mixing for the primitive collections. */
final class Hashing {

    private Hashing() {
    }

    /** Spreads the bits of a key (the finaliser of MurmurHash3) so that linear probing stays short. */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
