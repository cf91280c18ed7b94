package org.openmgm.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One callback the MGM made, as its flight recorder kept it ({@link
 * MulticastGroupService#recentCallbacks(int)}): who was called, with what, how long it took and
 * how it ended. For operators and tests that need to see what happened in which order.
 *
 * @param at when the callback started
 * @param protocol the protocol called
 * @param callback the callback's name, e.g. {@code local-join}, {@code disable-igmp}
 * @param subject what it was about, e.g. {@code (*, 239.1.1.1)} or {@code if7}
 * @param took how long the protocol took
 * @param outcome how it ended
 */
public record CallbackRecord(Instant at, ProtocolId protocol, String callback, String subject, Duration took,
                             Outcome outcome) {

    /** How a callback ended. */
    public enum Outcome {
        /** The protocol returned normally. */
        RETURNED,
        /** The protocol threw; the MGM logged it and went on. */
        THREW,
        /** The protocol was stuck in an earlier callback, so this one was skipped. */
        SKIPPED
    }

    /**
     * Validates.
     *
     * @throws NullPointerException if an argument is null
     */
    public CallbackRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(outcome, "outcome");
    }
}
