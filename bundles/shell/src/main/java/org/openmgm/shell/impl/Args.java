package org.openmgm.shell.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command line: options (declared by the command), flags and positional arguments. Both
 * {@code -g 239.1.1.1} and {@code --group=239.1.1.1} are accepted.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private boolean help;

    private Args() {
    }

    /**
     * Parses a command line.
     *
     * @param command the command's name, for messages
     * @param raw the arguments after the command name
     * @param options the options the command accepts
     * @return the parsed arguments
     * @throws CommandException {@link ExitCode#USAGE} for an unknown option or a missing value
     */
    public static Args parse(String command, List<String> raw, List<Option> options) {
        Args a = new Args();
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if (arg == null) {
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                a.help = true;
                continue;
            }
            if (arg.equals("--")) {
                a.positional.addAll(raw.subList(i + 1, raw.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.length() == 1 || Character.isDigit(arg.charAt(1))) {
                a.positional.add(arg);
                continue;
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            Option o = find(name, options);
            if (o == null) {
                throw CommandException.usage("unknown option '" + name + "' for " + command + " (see: " + command
                        + " --help)");
            }
            if (!o.takesValue()) {
                if (inline != null) {
                    throw CommandException.usage("option --" + o.longName() + " of " + command + " takes no value");
                }
                a.values.put(o.longName(), "true");
            } else if (inline != null) {
                a.values.put(o.longName(), inline);
            } else if (i + 1 < raw.size()) {
                a.values.put(o.longName(), raw.get(++i));
            } else {
                throw CommandException.usage("option " + name + " of " + command + " needs a value (" + o.valueName()
                        + ")");
            }
        }
        return a;
    }

    private static Option find(String name, List<Option> options) {
        for (Option o : options) {
            if (name.equals("--" + o.longName()) || (o.shortName() != null && name.equals("-" + o.shortName()))) {
                return o;
            }
        }
        return null;
    }

    /**
     * Returns an option's value.
     *
     * @param o the option
     * @return its value if given
     */
    public Optional<String> value(Option o) {
        return Optional.ofNullable(values.get(o.longName()));
    }

    /**
     * Tells whether a flag was given.
     *
     * @param o the flag
     * @return {@code true} if present
     */
    public boolean flag(Option o) {
        return values.containsKey(o.longName());
    }

    /**
     * Tells whether {@code --json} was given.
     *
     * @return {@code true} for JSON output
     */
    public boolean json() {
        return flag(Option.JSON);
    }

    /**
     * Tells whether {@code -h/--help} was given.
     *
     * @return {@code true} if the operator asked for the usage
     */
    public boolean help() {
        return help;
    }

    /**
     * Returns the positional arguments.
     *
     * @return the arguments that are not options, in order
     */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /**
     * Parses an integer option.
     *
     * @param o the option
     * @param fallback the value when absent
     * @param min the smallest acceptable value
     * @param max the largest acceptable value
     * @return the value
     * @throws CommandException {@link ExitCode#BAD_FILTER} if it is not an integer in range
     */
    public int intValue(Option o, int fallback, int min, int max) {
        Optional<String> v = value(o);
        if (v.isEmpty()) {
            return fallback;
        }
        return parseInt(v.get(), "--" + o.longName(), min, max);
    }

    /**
     * Parses an integer argument.
     *
     * @param text the text
     * @param what what it is, for the message
     * @param min the smallest acceptable value
     * @param max the largest acceptable value
     * @return the value
     * @throws CommandException {@link ExitCode#BAD_FILTER} if it is not an integer in range
     */
    public static int parseInt(String text, String what, int min, int max) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw CommandException.badFilter(what + " must be a number from " + min + " to " + max + ", not '" + text
                    + "'");
        }
    }
}
