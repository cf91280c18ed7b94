package org.openmgm.forwarding.linux.mroute;

import java.util.Arrays;

/**
 * Which interface occupies which of the kernel's {@value Mroute#MAXVIFS} VIF slots, and the slot
 * entries point at when their incoming interface has no VIF. Not thread-safe: {@link
 * KernelForwarding} guards it and publishes {@link #snapshot()}s for the upcall reader.
 *
 * <p>The kernel wants every entry's parent to be a slot below {@value Mroute#MAXVIFS}. An entry
 * whose incoming interface is not a VIF (spec [RES Q19]: an interface nobody holds) gets an empty
 * slot: a packet matching it on any VIF is then "on the wrong interface", exactly as for the
 * simulated plane. New VIFs take the lowest free slot and avoid that "nowhere" slot while they can.
 */
final class VifTable {

    private final int[] ifIndexOf = new int[Mroute.MAXVIFS];    // 0 = free (interface indices are > 0)
    private int nowhere = -1;

    /**
     * Returns the slot of an interface.
     *
     * @param ifIndex the interface index
     * @return its VIF, or -1
     */
    int vifOf(int ifIndex) {
        for (int v = 0; v < ifIndexOf.length; v++) {
            if (ifIndexOf[v] == ifIndex) {
                return v;
            }
        }
        return -1;
    }

    /**
     * Returns the interface in a slot.
     *
     * @param vif the slot
     * @return its interface index, or 0 when free or out of range
     */
    int ifIndexOf(int vif) {
        return vif >= 0 && vif < ifIndexOf.length ? ifIndexOf[vif] : 0;
    }

    /**
     * Picks the slot for a new VIF: the lowest free one other than the nowhere slot, else the
     * nowhere slot itself (the caller must then move the entries that point there).
     *
     * @return the slot, or -1 when all {@value Mroute#MAXVIFS} are taken
     */
    int pickFree() {
        for (int v = 0; v < ifIndexOf.length; v++) {
            if (ifIndexOf[v] == 0 && v != nowhere) {
                return v;
            }
        }
        return nowhere >= 0 && ifIndexOf[nowhere] == 0 ? nowhere : -1;
    }

    /**
     * Records that a slot now holds an interface.
     *
     * @param vif the slot, free
     * @param ifIndex the interface index
     */
    void occupy(int vif, int ifIndex) {
        ifIndexOf[vif] = ifIndex;
        if (vif == nowhere) {
            nowhere = -1;
        }
    }

    /**
     * Frees a slot.
     *
     * @param vif the slot
     */
    void release(int vif) {
        ifIndexOf[vif] = 0;
    }

    /**
     * Returns the slot entries without an incoming VIF point at, choosing one if none is chosen:
     * the highest free slot, far from where new VIFs go.
     *
     * @return the slot, or -1 when every slot holds a VIF
     */
    int nowhere() {
        if (nowhere < 0 || ifIndexOf[nowhere] != 0) {
            nowhere = -1;
            for (int v = ifIndexOf.length - 1; v >= 0; v--) {
                if (ifIndexOf[v] == 0) {
                    nowhere = v;
                    break;
                }
            }
        }
        return nowhere;
    }

    /** Forgets the nowhere slot (no entry points there any more). */
    void forgetNowhere() {
        nowhere = -1;
    }

    /**
     * Counts the VIFs.
     *
     * @return how many slots hold an interface
     */
    int count() {
        int n = 0;
        for (int i : ifIndexOf) {
            n += i == 0 ? 0 : 1;
        }
        return n;
    }

    /** Frees every slot. */
    void clear() {
        Arrays.fill(ifIndexOf, 0);
        nowhere = -1;
    }

    /**
     * Copies the table for readers on other threads.
     *
     * @return slot to interface index, 0 for free
     */
    int[] snapshot() {
        return ifIndexOf.clone();
    }
}
