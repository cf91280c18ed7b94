package org.openmgm.shell.impl;

import java.util.List;

/**
 * One operator command, published as a service of this bundle so that the CLI channel and the web
 * API find every command by name, and as a Gogo command ({@code osgi.command.scope=mgm}).
 */
public interface ShellCommand {

    /** The Gogo scope of every OpenMGM command. */
    String SCOPE = "mgm";

    /**
     * Returns the command's name.
     *
     * @return e.g. {@code mroute}
     */
    String name();

    /**
     * Returns one line saying what the command shows.
     *
     * @return the summary
     */
    String summary();

    /**
     * Tells whether the command only reads: only those are served by {@code show} and the web API.
     *
     * @return {@code false} for commands that inject into the simulated plane
     */
    boolean readOnly();

    /**
     * Returns the options the command accepts.
     *
     * @return the options, {@link Option#JSON} included
     */
    List<Option> options();

    /**
     * Returns the positional arguments, for the usage text.
     *
     * @return e.g. {@code IF GROUP [SOURCE...]}, or empty
     */
    String arguments();

    /**
     * Runs the command. Never throws: errors become a reply with a non-zero code and a message.
     *
     * @param args the arguments after the command's name
     * @return the answer
     */
    Reply execute(List<String> args);
}
