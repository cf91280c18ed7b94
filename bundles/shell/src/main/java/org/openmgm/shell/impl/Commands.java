package org.openmgm.shell.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The commands by name, as the CLI channel and the web API find them (both bind every {@link
 * ShellCommand} service), and the grammar of {@code bin/openmgm}: {@code status}, {@code show NAME
 * [options]} for the read-only commands, and the {@code sim-*} commands by their name.
 */
public final class Commands {

    private final Map<String, ShellCommand> byName = new ConcurrentSkipListMap<>();

    /**
     * Adds a command.
     *
     * @param c the command
     */
    public void add(ShellCommand c) {
        byName.put(c.name(), c);
    }

    /**
     * Removes a command.
     *
     * @param c the command
     */
    public void remove(ShellCommand c) {
        byName.remove(c.name(), c);
    }

    /**
     * Finds a command.
     *
     * @param name its name
     * @return the command, if registered
     */
    public Optional<ShellCommand> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Returns every command.
     *
     * @return in name order
     */
    public Collection<ShellCommand> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Returns the read-only commands (those {@code show} and the web API serve).
     *
     * @return in name order
     */
    public List<ShellCommand> readOnly() {
        return byName.values().stream().filter(ShellCommand::readOnly).toList();
    }

    /**
     * Runs a command line of {@code bin/openmgm}.
     *
     * @param line e.g. {@code [show, mroute, -g, 239.1.1.1, --json]} or {@code [status]}
     * @return the answer
     */
    public Reply runCli(List<String> line) {
        boolean json = line.contains("--json");
        if (line.isEmpty()) {
            return Reply.error(ExitCode.USAGE, "say what to do: status, show NAME, or a sim command\n" + listing(), json);
        }
        String first = line.get(0);
        List<String> rest = line.subList(1, line.size());
        if (first.equals("show")) {
            if (rest.isEmpty() || rest.get(0).startsWith("-")) {
                return Reply.error(ExitCode.USAGE, "show what?\n" + listing(), json);
            }
            Optional<ShellCommand> c = get(rest.get(0)).filter(ShellCommand::readOnly);
            if (c.isEmpty()) {
                return Reply.error(ExitCode.UNKNOWN_COMMAND, "unknown show command '" + rest.get(0) + "'\n" + listing(),
                        json);
            }
            return c.get().execute(new ArrayList<>(rest.subList(1, rest.size())));
        }
        Optional<ShellCommand> c = get(first).filter(x -> x.name().equals("status") || !x.readOnly());
        if (c.isEmpty()) {
            return Reply.error(ExitCode.UNKNOWN_COMMAND, "unknown command '" + first + "'\n" + listing(), json);
        }
        return c.get().execute(new ArrayList<>(rest));
    }

    /**
     * Lists the commands for an error message.
     *
     * @return e.g. {@code show commands: callbacks, groups, ...}
     */
    public String listing() {
        return "show commands: " + readOnly().stream().map(ShellCommand::name).filter(n -> !n.equals("status"))
                .collect(Collectors.joining(", ")) + "; other commands: status"
                + all().stream().filter(c -> !c.readOnly()).map(c -> ", " + c.name()).collect(Collectors.joining());
    }
}
