package org.openmgm.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * {@code bin/openmgm status} and {@code bin/openmgm show ...}: asks the running router over its
 * local channel, the Unix domain socket {@code data/run/openmgm.sock} (0600, in a 0700 folder) that
 * the shell bundle serves, prints the answer and exits with the router's code. Exit 4 when no router
 * answers there. The commands themselves (and their messages) are the router's, so the CLI shows
 * exactly what the Gogo commands show.
 */
public final class Client {

    /** Exit status when no router answers (see ExitCode in the shell bundle). */
    static final int NOT_RUNNING = 4;
    private static final int FAILED = 1;
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private Client() {
    }

    public static void main(String[] args) {
        Path home = Paths.get(System.getProperty("openmgm.home", "."));
        System.exit(run(home.resolve("data/run/openmgm.sock"), args, System.out, System.err));
    }

    static int run(Path socket, String[] args, PrintStream out, PrintStream err) {
        boolean status = args.length > 0 && args[0].equals("status");
        if (!Files.exists(socket)) {
            return notRunning(status, out, err, "no router answers at " + socket);
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(ANSWER_TIMEOUT_SECONDS * 1000);
                err.println("openmgm: the router did not answer within " + ANSWER_TIMEOUT_SECONDS + " s");
                Runtime.getRuntime().halt(FAILED);
            } catch (InterruptedException e) {
                // answered
            }
        }, "openmgm-cli-timeout");
        watchdog.setDaemon(true);
        watchdog.start();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                return notRunning(status, out, err, "no router answers at " + socket + " (" + e.getMessage() + ")");
            }
            OutputStream o = Channels.newOutputStream(ch);
            StringBuilder request = new StringBuilder("OPENMGM-CLI 1\n").append(args.length).append('\n');
            for (String a : args) {
                if (a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
                    err.println("openmgm: an argument must not contain a line break: " + Arrays.toString(args));
                    return 2;
                }
                request.append(a).append('\n');
            }
            o.write(request.toString().getBytes(StandardCharsets.UTF_8));
            o.flush();
            ch.shutdownOutput();
            String answer = readAll(Channels.newInputStream(ch));
            int newline = answer.indexOf('\n');
            if (newline < 0) {
                err.println("openmgm: the router closed the channel without an answer");
                return FAILED;
            }
            int code = Integer.parseInt(answer.substring(0, newline).strip());
            String text = answer.substring(newline + 1);
            (code == 0 || status ? out : err).print(text);
            (code == 0 || status ? out : err).flush();
            return code;
        } catch (IOException | NumberFormatException e) {
            err.println("openmgm: talking to the router failed: " + e);
            return FAILED;
        } finally {
            watchdog.interrupt();
        }
    }

    private static int notRunning(boolean status, PrintStream out, PrintStream err, String why) {
        if (status) {
            out.println("OpenMGM is not running (" + why + ")");
        } else {
            err.println("openmgm: the router is not running: " + why + "; start it with bin/openmgm");
        }
        return NOT_RUNNING;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
