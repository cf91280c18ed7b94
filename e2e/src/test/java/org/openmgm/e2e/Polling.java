package org.openmgm.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on conditions of the real world: polled, with a deadline, never a bare sleep. */
final class Polling {

    private Polling() {
    }

    /** Polls until the condition holds; fails naming it after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            pause();
        }
    }

    /** A short pause between polls. */
    static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
