package org.openmgm.shell.impl;

/**
 * The outcome of a command, and the exit status of {@code bin/openmgm} for it; the web API maps
 * each to an HTTP status.
 */
public enum ExitCode {
    /** Done. */
    OK(0, 200),
    /** The router failed to answer (a bug, or the MGM stopping): see the log. */
    FAILED(1, 500),
    /** The command line was wrong: a missing or unknown option, a missing argument. */
    USAGE(2, 400),
    /** The router is not running (used by the CLI client; 3 is the scripts' "no suitable Java"). */
    NOT_RUNNING(4, 503),
    /** No such command. */
    UNKNOWN_COMMAND(5, 404),
    /** A filter or argument could not be understood: a malformed address, an unknown interface. */
    BAD_FILTER(6, 400),
    /** {@code status}: the router runs but is not healthy. */
    UNHEALTHY(7, 503),
    /** A service the command needs is not running (the MGM, IGMP, the simulated plane). */
    UNAVAILABLE(8, 503);

    private final int status;
    private final int httpStatus;

    ExitCode(int status, int httpStatus) {
        this.status = status;
        this.httpStatus = httpStatus;
    }

    /**
     * Returns the process exit status.
     *
     * @return 0 for {@link #OK}, otherwise a distinct positive number
     */
    public int status() {
        return status;
    }

    /**
     * Returns the HTTP status the web API answers with.
     *
     * @return e.g. 400 for a bad filter
     */
    public int httpStatus() {
        return httpStatus;
    }
}
