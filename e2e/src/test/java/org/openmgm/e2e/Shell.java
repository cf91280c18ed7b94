package org.openmgm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands to completion. */
final class Shell {

    private Shell() {
    }

    /** The result of a command. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs a command (standard error merged), at most 60 s. */
    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed; returns its output. */
    static String must(String... command) {
        Result r = run(List.of(command));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    static boolean exists(String program) {
        return run(List.of("sh", "-c", "command -v " + program)).ok();
    }

    static void unchecked(IOException e) {
        throw new UncheckedIOException(e);
    }
}
