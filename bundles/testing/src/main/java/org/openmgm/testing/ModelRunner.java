package org.openmgm.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small model-based test runner: it builds random sequences of steps, runs each on a fresh
 * system, checks an invariant after every step, and when something fails shrinks the sequence
 * (removing ever smaller chunks while it still fails) to a minimal one, which it reports with the
 * seed that reproduces it ({@code -Dopenmgm.model.seed=N}).
 *
 * <p>Steps are generated from the random source alone, never from the system's state, so any
 * subsequence can be replayed deterministically: a step that makes no sense in some state must
 * simply do nothing there (or fail the way the system under test fails).
 *
 * @param <W> the system under test with its model
 */
public final class ModelRunner<W> {

    /**
     * One step: a description for the report and what it does.
     *
     * @param <W> the system under test
     * @param description what the step does, e.g. {@code "take 100 if3"}
     * @param action the step
     */
    public record Step<W>(String description, Consumer<W> action) {

        /**
         * Validates.
         *
         * @throws NullPointerException if an argument is null
         */
        public Step {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final Supplier<W> world;
    private final Function<Random, Step<W>> steps;
    private final Consumer<W> invariant;
    private int tries = 200;
    private int maxSteps = 50;
    private long seed = Long.getLong("openmgm.model.seed", System.nanoTime());

    private ModelRunner(Supplier<W> world, Function<Random, Step<W>> steps, Consumer<W> invariant) {
        this.world = world;
        this.steps = steps;
        this.invariant = invariant;
    }

    /**
     * Creates a runner.
     *
     * @param <W> the system under test
     * @param world makes a fresh system for each run
     * @param steps draws one random step
     * @param invariant throws if the system is in a bad state
     * @return the runner
     */
    public static <W> ModelRunner<W> of(Supplier<W> world, Function<Random, Step<W>> steps, Consumer<W> invariant) {
        return new ModelRunner<>(world, steps, invariant);
    }

    /**
     * Sets how many random sequences to run.
     *
     * @param n the number of sequences
     * @return this runner
     */
    public ModelRunner<W> tries(int n) {
        this.tries = n;
        return this;
    }

    /**
     * Sets the longest sequence.
     *
     * @param n the number of steps
     * @return this runner
     */
    public ModelRunner<W> maxSteps(int n) {
        this.maxSteps = n;
        return this;
    }

    /**
     * Runs every sequence.
     *
     * @throws AssertionError describing a minimal failing sequence and the seed
     */
    public void run() {
        Random random = new Random(seed);
        for (int t = 0; t < tries; t++) {
            List<Step<W>> sequence = new ArrayList<>();
            int length = 1 + random.nextInt(maxSteps);
            for (int i = 0; i < length; i++) {
                sequence.add(steps.apply(random));
            }
            Throwable failure = failure(sequence);
            if (failure != null) {
                List<Step<W>> minimal = shrink(sequence);
                Throwable minimalFailure = failure(minimal);
                AssertionError error = new AssertionError("model run " + (t + 1) + " failed (seed " + seed
                        + ", -Dopenmgm.model.seed=" + seed + " reproduces it); minimal sequence of " + minimal.size()
                        + " steps (from " + sequence.size() + "):\n  " + String.join("\n  ",
                        minimal.stream().map(Step::description).toList()) + "\nfailure: " + minimalFailure,
                        minimalFailure);
                throw error;
            }
        }
    }

    /** Runs a sequence on a fresh system; returns what went wrong, or {@code null}. */
    private Throwable failure(List<Step<W>> sequence) {
        W w = world.get();
        for (Step<W> step : sequence) {
            try {
                step.action().accept(w);
                invariant.accept(w);
            } catch (Throwable t) {
                return t;
            }
        }
        return null;
    }

    private List<Step<W>> shrink(List<Step<W>> failing) {
        List<Step<W>> current = new ArrayList<>(failing);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
                int start = 0;
                while (start + chunk <= current.size()) {
                    List<Step<W>> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(start + chunk, current.size()));
                    if (!candidate.isEmpty() && failure(candidate) != null) {
                        current = candidate;
                        progress = true;
                    } else {
                        start += chunk;
                    }
                }
                if (chunk == 1) {
                    break;
                }
            }
        }
        return current;
    }
}
