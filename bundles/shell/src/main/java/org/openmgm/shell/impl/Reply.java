package org.openmgm.shell.impl;

import java.util.Objects;

/**
 * What a command answered: its exit code and its output (text or JSON). Output of a failed command
 * is the message for the operator.
 *
 * @param code the outcome
 * @param output what to print; ends with a newline unless empty
 * @param json whether the output is JSON
 */
public record Reply(ExitCode code, String output, boolean json) {

    /**
     * Validates.
     *
     * @throws NullPointerException if an argument is null
     */
    public Reply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(output, "output");
        if (!output.isEmpty() && !output.endsWith("\n")) {
            output = output + "\n";
        }
    }

    /**
     * A successful text answer.
     *
     * @param text the text
     * @return the reply
     */
    public static Reply text(String text) {
        return new Reply(ExitCode.OK, text, false);
    }

    /**
     * A failure: the message, as text or as a JSON object {@code {"error": ..., "exitCode": ...}}.
     *
     * @param code the outcome
     * @param message what went wrong
     * @param json whether the caller asked for JSON
     * @return the reply
     */
    public static Reply error(ExitCode code, String message, boolean json) {
        if (json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("error", message);
            m.put("exitCode", code.status());
            m.put("status", code.httpStatus());
            return new Reply(code, Json.write(m), true);
        }
        return new Reply(code, "openmgm: " + message, false);
    }
}
