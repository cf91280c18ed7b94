package org.openmgm.shell.impl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openmgm.shell.impl.Commands;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.Reply;
import org.openmgm.shell.impl.ShellCommand;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local channel behind {@code bin/openmgm status} and {@code bin/openmgm show ...}: a Unix domain
 * socket, by default {@code data/run/openmgm.sock} under the router's home (framework property
 * {@code openmgm.home}), in a folder only the router's user may enter (0700), itself 0600. Nothing
 * listens on the network. Configuration PID {@value #PID}, key {@code cli.socket} (a path; empty:
 * no channel).
 *
 * <h2>Wire format (version 1)</h2>
 * The client sends {@code OPENMGM-CLI 1}, the number of arguments, then each argument, one per line
 * (UTF-8), and closes its output. The server answers with the exit status on the first line, then
 * the output, and closes. A connection that has not sent its request within 10 s is closed.
 */
@Component(immediate = true, configurationPid = CliServer.PID)
public final class CliServer {

    /** The configuration PID. */
    public static final String PID = "org.openmgm.shell";
    /** The first line of a request. */
    public static final String HELLO = "OPENMGM-CLI 1";
    private static final Logger log = LoggerFactory.getLogger(CliServer.class);
    private static final int MAX_ARGS = 256;
    private static final int MAX_ARG_LENGTH = 4096;

    private final Commands commands = new Commands();
    private final ExecutorService workers;
    private final ScheduledExecutorService deadlines;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    /**
     * Opens the socket.
     *
     * @param context the bundle context, for the router's home
     * @param props the configuration ({@code cli.socket})
     * @throws IOException if the socket cannot be created
     */
    @Activate
    public CliServer(BundleContext context, Map<String, Object> props) throws IOException {
        this(socketPath(context, props));
    }

    /**
     * Opens a socket at a path (tests).
     *
     * @param socket where, or {@code null} for no channel
     * @throws IOException if the socket cannot be created
     */
    public CliServer(Path socket) throws IOException {
        this.socket = socket;
        this.workers = Executors.newFixedThreadPool(2, named("mgm-shell-cli-"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(named("mgm-shell-cli-deadline-"));
        if (socket == null) {
            log.info("No CLI channel: neither cli.socket nor the openmgm.home property is set");
            server = null;
            acceptor = null;
            return;
        }
        server = open(socket);
        acceptor = new Thread(this::acceptLoop, "mgm-shell-cli-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("CLI channel on {}", socket);
    }

    private static Path socketPath(BundleContext context, Map<String, Object> props) {
        Object configured = props.get("cli.socket");
        if (configured != null) {
            String s = configured.toString().strip();
            return s.isEmpty() ? null : Paths.get(s);
        }
        String home = context.getProperty("openmgm.home");
        return home == null ? null : Paths.get(home, "data", "run", "openmgm.sock");
    }

    private static ServerSocketChannel open(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                throw new IOException("another router already answers on " + socket);
            } catch (IOException stale) {
                if (stale.getMessage() != null && stale.getMessage().startsWith("another router")) {
                    throw stale;
                }
                Files.delete(socket);            // left behind by a router that did not stop cleanly
            }
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return ch;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCommand(ShellCommand c) {
        commands.add(c);
    }

    void unbindCommand(ShellCommand c) {
        commands.remove(c);
    }

    /**
     * Returns the commands this channel serves (tests add theirs here).
     *
     * @return the registry
     */
    public Commands commands() {
        return commands;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), 10, TimeUnit.SECONDS);
                workers.execute(() -> serve(client, deadline));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("CLI channel: accept failed: {}", e.toString());
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel client, ScheduledFuture<?> deadline) {
        try (client) {
            List<String> args;
            try {
                args = readRequest(client);
            } catch (IOException | RuntimeException e) {
                if (!client.isOpen()) {
                    return;      // the deadline closed it
                }
                answer(client, Reply.error(ExitCode.USAGE, "malformed request: " + e.getMessage(), false));
                return;
            } finally {
                deadline.cancel(false);
            }
            answer(client, commands.runCli(args));
        } catch (IOException e) {
            log.debug("CLI channel: client went away: {}", e.toString());
        }
    }

    private static List<String> readRequest(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        if (!HELLO.equals(in.readLine())) {
            throw new IllegalArgumentException("not an OpenMGM CLI client (expected '" + HELLO + "')");
        }
        String countLine = in.readLine();
        int count = Integer.parseInt(countLine == null ? "" : countLine.strip());
        if (count < 0 || count > MAX_ARGS) {
            throw new IllegalArgumentException("too many arguments");
        }
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String a = in.readLine();
            if (a == null || a.length() > MAX_ARG_LENGTH) {
                throw new IllegalArgumentException("argument " + (i + 1) + " missing or too long");
            }
            args.add(a);
        }
        return args;
    }

    private static void answer(SocketChannel client, Reply r) throws IOException {
        OutputStream out = Channels.newOutputStream(client);
        out.write((r.code().status() + "\n" + r.output()).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Closes the socket and removes its file. */
    @Deactivate
    public void deactivate() {
        if (server != null) {
            try {
                server.close();
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                log.warn("CLI channel: could not remove {}: {}", socket, e.toString());
            }
        }
        workers.shutdownNow();
        deadlines.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
