package org.openmgm.testing;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link Executor} that runs every task at once on the calling thread, and counts them: for
 * tests that want asynchronous hand-offs to happen synchronously.
 */
public final class SynchronousExecutor implements Executor {

    private final AtomicLong executed = new AtomicLong();

    @Override
    public void execute(Runnable command) {
        executed.incrementAndGet();
        command.run();
    }

    /**
     * Returns how many tasks ran.
     *
     * @return the count
     */
    public long executed() {
        return executed.get();
    }
}
