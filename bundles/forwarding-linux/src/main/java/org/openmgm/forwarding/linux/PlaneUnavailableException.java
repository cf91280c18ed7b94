package org.openmgm.forwarding.linux;

/**
 * The kernel plane cannot start here; the message says why and what to do, for the operator.
 */
public final class PlaneUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the explanation with advice
     * @param cause the failure underneath, or {@code null}
     */
    public PlaneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
