package org.openmgm.launcher;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Command-line options of {@code bin/openmgm}. */
record Options(Path home, ConsoleMode console, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: openmgm [--console auto|interactive|stdin|none] [--home DIR]",
            "       openmgm status",
            "       openmgm show NAME [filters] [--json]",
            "       openmgm sim-join|sim-leave|sim-send ARGS...",
            "       openmgm demo",
            "       openmgm --help",
            "",
            "Starts the OpenMGM multicast router in the foreground. Ctrl-C or SIGTERM stops it cleanly.",
            "",
            "demo: as root, builds a sender, this router and two receivers in network namespaces and shows",
            "  joins, leaves, callbacks and kernel entries while a stream flows (removing it all at the end);",
            "  without root, the same story on the simulated plane. Nothing touches this machine's interfaces.",
            "",
            "Looking into the running router (it answers on data/run/openmgm.sock, readable by its user only):",
            "  status          whether it runs and is healthy",
            "  show mroute     the multicast routing table with counters    show groups     IGMP groups and sources",
            "  show memberships  memberships per interface and protocol     show igmp       IGMP querier state",
            "  show interfaces   interfaces, owners, IGMP state             show igmp-stats IGMP counters and drops",
            "  show protocols    registered protocols and interfaces        show callbacks  callback counters",
            "  show recent-callbacks  the MGM's flight recorder",
            "  Filters: -g GROUP, -s SOURCE, -i INTERFACE (name or index), -p PROTOCOL; --json for JSON;",
            "  'show NAME --help' lists a command's options. The same commands run in the console as mgm:NAME.",
            "  Simulated plane only: sim-join IF GROUP [SOURCE...] [--v2], sim-leave ..., sim-send IF SOURCE GROUP [N].",
            "  Exit status: 0 ok, 1 failed, 2 bad usage, 3 no suitable Java, 4 not running, 5 unknown command,",
            "  6 bad filter or address, 7 running but not healthy, 8 a needed service is not running.",
            "",
            "Web view and JSON API (loopback only; etc/org.apache.felix.http.cfg): http://127.0.0.1:8181/openmgm/",
            "",
            "  --console MODE  auto (default): an interactive Gogo console on a terminal, otherwise 'stdin'",
            "                  interactive:    Gogo console; 'exit' or Ctrl-D stops the router",
            "                  stdin:          run Gogo commands read from standard input; end of input",
            "                                  leaves the router running",
            "                  none:           no console (for services)",
            "  --home DIR      the distribution folder (default: the folder that holds bin/openmgm)",
            "  -h, --help      this text",
            "",
            "Layout of the distribution folder:",
            "  bundle/N/  bundles started at start level N      deploy/  hot deploy: drop bundle jars here",
            "  etc/       configuration (*.cfg), read live       data/    framework cache and log/openmgm.log",
            "",
            "Out of the box the router enables IGMP and forwarding on no interface; name them in etc/.");

    /** How the Gogo shell talks to the operator. */
    enum ConsoleMode {
        AUTO, INTERACTIVE, STDIN, NONE;

        /** The {@code gosh.args} framework property for this mode. */
        String goshArgs() {
            return switch (resolve()) {
                case INTERACTIVE -> "";
                case STDIN -> "--noshutdown --quiet";
                default -> "--nointeractive";
            };
        }

        ConsoleMode resolve() {
            return this == AUTO ? (isTerminal() ? INTERACTIVE : STDIN) : this;
        }

        private static boolean isTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                // Java 22+: a Console exists even when redirected; ask whether it is a terminal.
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }

    /** A word that is no command of {@code bin/openmgm}: exit status 5, as the CLI's unknown commands. */
    static final class UnknownCommandException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownCommandException(String message) {
            super(message);
        }
    }

    static Options parse(String[] args) {
        Path home = defaultHome();
        ConsoleMode console = ConsoleMode.AUTO;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help", "help" -> help = true;
                case "--home" -> home = Paths.get(value(args, ++i, "--home"));
                case "--console" -> {
                    String mode = value(args, ++i, "--console");
                    try {
                        console = ConsoleMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown console mode '" + mode + "'");
                    }
                }
                default -> throw args[i].startsWith("-")
                        ? new IllegalArgumentException("unknown argument '" + args[i] + "'")
                        : new UnknownCommandException("unknown command '" + args[i]
                                + "' (commands: status, show, sim-join, sim-leave, sim-send; see --help)");
            }
        }
        if (!help && !Files.isDirectory(home.resolve("bundle"))) {
            throw new IllegalArgumentException(home.toAbsolutePath() + " is not an OpenMGM distribution (no bundle/ folder)");
        }
        return new Options(home, console, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Path defaultHome() {
        String home = System.getProperty("openmgm.home");
        return Paths.get(home == null ? "." : home);
    }
}
