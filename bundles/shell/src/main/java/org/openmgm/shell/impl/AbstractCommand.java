package org.openmgm.shell.impl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame of a command: parses the options, builds the model from one snapshot and renders it as
 * text or JSON, turns every failure into a message with an exit code, and is the Gogo entry point
 * ({@code _main}, which Gogo calls for any function name, with that name first).
 */
public abstract class AbstractCommand implements ShellCommand {

    private static final Logger log = LoggerFactory.getLogger(AbstractCommand.class);

    /** What the commands look at. */
    protected final RouterView view;
    private final String name;
    private final String summary;
    private final List<Option> options;

    /**
     * Creates the command.
     *
     * @param view what it looks at
     * @param name its name
     * @param summary one line saying what it shows
     * @param options its options besides {@code --json}
     */
    protected AbstractCommand(RouterView view, String name, String summary, Option... options) {
        this.view = view;
        this.name = name;
        this.summary = summary;
        List<Option> all = new ArrayList<>(Arrays.asList(options));
        all.add(Option.JSON);
        this.options = List.copyOf(all);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public List<Option> options() {
        return options;
    }

    @Override
    public String arguments() {
        return "";
    }

    /**
     * Builds the JSON-shaped model: maps, lists, strings, numbers, booleans.
     *
     * @param args the parsed arguments
     * @return the model
     * @throws CommandException for bad input or a missing service
     */
    protected abstract Object model(Args args);

    /**
     * Renders the model as text.
     *
     * @param model what {@link #model(Args)} built
     * @param args the parsed arguments
     * @return the text
     */
    protected abstract String text(Object model, Args args);

    /**
     * Returns the exit code for a model that was built: {@link ExitCode#OK} unless a command says
     * otherwise (a status that is not healthy).
     *
     * @param model what {@link #model(Args)} built
     * @return the exit code
     */
    protected ExitCode exitCode(Object model) {
        return ExitCode.OK;
    }

    /**
     * Checks the number of positional arguments.
     *
     * @param args the parsed arguments
     * @param min at least
     * @param max at most
     * @return the positional arguments
     * @throws CommandException {@link ExitCode#USAGE} otherwise
     */
    protected List<String> positional(Args args, int min, int max) {
        List<String> p = args.positional();
        if (p.size() < min || p.size() > max) {
            throw CommandException.usage(p.size() < min ? name + " needs " + arguments()
                    : name + " takes " + (max == 0 ? "no arguments" : "at most " + max + " arguments")
                    + ", got '" + String.join(" ", p) + "' (see: " + name + " --help)");
        }
        return p;
    }

    @Override
    public final Reply execute(List<String> raw) {
        boolean json = raw.contains("--json");
        try {
            Args args = Args.parse(name, raw, options);
            if (args.help()) {
                return Reply.text(usage());
            }
            Object model = model(args);
            ExitCode code = exitCode(model);
            return new Reply(code, json ? Json.write(model) : text(model, args), json);
        } catch (CommandException e) {
            return Reply.error(e.code(), e.getMessage(), json);
        } catch (MgmException e) {
            ExitCode code = e.status() == MgmStatus.INVALID_PARAMETER ? ExitCode.BAD_FILTER
                    : e.status() == MgmStatus.CAN_NOT_COMPLETE ? ExitCode.UNAVAILABLE : ExitCode.FAILED;
            return Reply.error(code, e.getMessage(), json);
        } catch (RuntimeException e) {
            log.warn("Command {} {} failed", name, raw, e);
            return Reply.error(ExitCode.FAILED, name + " failed: " + e, json);
        }
    }

    /**
     * Returns the usage text.
     *
     * @return the synopsis, the summary and one line per option
     */
    public String usage() {
        StringBuilder b = new StringBuilder("Usage: ").append(name);
        if (!arguments().isEmpty()) {
            b.append(' ').append(arguments());
        }
        b.append(" [options]\n").append(summary).append("\n\nOptions:\n");
        for (Option o : options) {
            b.append(String.format("  %-26s %s%n", o.synopsis(), o.help()));
        }
        return b.toString();
    }

    /**
     * The Gogo entry point: {@code mgm:mroute -g 239.1.1.1}. Prints the answer (errors to standard
     * error) and returns nothing, so that Gogo prints nothing more.
     *
     * @param args the function name, then the arguments
     */
    public void _main(String... args) {
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        Reply r = execute(rest);
        PrintStream out = r.code() == ExitCode.OK ? System.out : System.err;
        out.print(r.output());
        out.flush();
    }
}
