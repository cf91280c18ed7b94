package org.openmgm.api;

/**
 * What a membership call does (spec §2.6.2, [RES Q17]). A call passes a non-empty set; with both,
 * JOIN processing runs first, then FORWARD processing.
 */
public enum MembershipFlag {
    /**
     * Record (or remove) the membership and bring every matching forwarding entry up to date;
     * triggers join/prune alerts and local join/leave. The original's {@code MGM_JOIN_STATE_FLAG}.
     */
    JOIN,
    /**
     * Add (or remove) the interface to (from) the outgoing list of the existing forwarding entries
     * the key matches, without recording membership; never creates entries and never causes
     * membership alerts. The original's {@code MGM_FORWARD_STATE_FLAG}.
     */
    FORWARD
}
