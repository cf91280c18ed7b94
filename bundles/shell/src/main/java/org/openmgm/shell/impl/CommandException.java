package org.openmgm.shell.impl;

/** A command cannot run as asked; the message says why, for the operator. */
public final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode code;

    /**
     * Creates the exception.
     *
     * @param code the exit code to report
     * @param message what went wrong, for the operator
     */
    public CommandException(ExitCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * Returns the exit code.
     *
     * @return never {@link ExitCode#OK}
     */
    public ExitCode code() {
        return code;
    }

    static CommandException usage(String message) {
        return new CommandException(ExitCode.USAGE, message);
    }

    static CommandException badFilter(String message) {
        return new CommandException(ExitCode.BAD_FILTER, message);
    }
}
