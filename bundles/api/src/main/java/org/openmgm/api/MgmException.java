package org.openmgm.api;

import java.util.Objects;

/**
 * An MGM operation was refused. The {@link #status()} is the specification's error code; the
 * message says, for a human, what exactly was wrong (the original MGM gave no detail, OpenMGM
 * does).
 *
 * <p>An operation that throws this exception has changed no state and delivered no callback.
 */
public class MgmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final MgmStatus status;

    /**
     * Creates an exception with a status and an explanation.
     *
     * @param status the specification's error status, never {@code null}
     * @param message what was wrong, naming the offending value
     */
    public MgmException(MgmStatus status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    /**
     * Returns the specification's error status of this refusal.
     *
     * @return the status, never {@code null}
     */
    public MgmStatus status() {
        return status;
    }

    @Override
    public String getMessage() {
        return status + ": " + super.getMessage();
    }

    /**
     * Shorthand for an {@link MgmStatus#INVALID_PARAMETER} refusal.
     *
     * @param message what was wrong
     * @return the exception, to be thrown by the caller
     */
    public static MgmException invalid(String message) {
        return new MgmException(MgmStatus.INVALID_PARAMETER, message);
    }
}
