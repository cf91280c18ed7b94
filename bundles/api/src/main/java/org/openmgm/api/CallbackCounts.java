package org.openmgm.api;

/**
 * How the callbacks of one kind to one protocol went, since it registered: the MGM counts every
 * callback it delivers (DESIGN.md rule 4: each is isolated, timed and counted). For operators:
 * a protocol whose callbacks fail or are slow needs attention.
 *
 * @param delivered callbacks that returned normally
 * @param failed callbacks that threw (the MGM logged the exception and went on)
 * @param slow callbacks that took longer than the configured budget ({@code callbacks.slowMs});
 *     they are counted as delivered or failed too
 * @param skipped callbacks not made because the protocol was stuck in an earlier one
 * @param stalled callbacks that were still running when the watchdog found the protocol stuck
 */
public record CallbackCounts(long delivered, long failed, long slow, long skipped, long stalled) {

    /** No callback at all. */
    public static final CallbackCounts ZERO = new CallbackCounts(0, 0, 0, 0, 0);

    /**
     * Tells whether nothing was counted.
     *
     * @return {@code true} when every count is zero
     */
    public boolean isZero() {
        return delivered == 0 && failed == 0 && slow == 0 && skipped == 0 && stalled == 0;
    }
}
