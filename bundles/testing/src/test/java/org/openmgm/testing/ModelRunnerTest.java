package org.openmgm.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelRunnerTest {

    @Test
    void aFailureIsShrunkToTheStepsThatCauseIt() {
        // The "system" is a list; the invariant fails once it holds 3 and then 7.
        AssertionError e = assertThrows(AssertionError.class, () -> ModelRunner.<List<Integer>>of(ArrayList::new,
                r -> {
                    int n = r.nextInt(10);
                    return new ModelRunner.Step<>("add " + n, l -> l.add(n));
                },
                l -> {
                    int three = l.indexOf(3);
                    if (three >= 0 && l.subList(three, l.size()).contains(7)) {
                        throw new IllegalStateException("3 then 7");
                    }
                }).tries(500).maxSteps(40).run());
        assertTrue(e.getMessage().contains("minimal sequence of 2 steps"), e.getMessage());
        assertTrue(e.getMessage().contains("add 3\n  add 7"), e.getMessage());
    }

    @Test
    void aCorrectSystemPasses() {
        ModelRunner.<List<Integer>>of(ArrayList::new, r -> new ModelRunner.Step<>("add", l -> l.add(1)),
                l -> { }).tries(10).run();
    }
}
