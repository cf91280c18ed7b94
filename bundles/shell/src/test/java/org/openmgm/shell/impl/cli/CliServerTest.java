package org.openmgm.shell.impl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellFixture;
import org.openmgm.shell.impl.commands.MrouteCommand;
import org.openmgm.shell.impl.commands.SimJoinCommand;
import org.openmgm.shell.impl.commands.StatusCommand;

/** The CLI channel: a private socket, the request format, the grammar of {@code bin/openmgm}. */
class CliServerTest {

    @TempDir
    Path dir;
    final ShellFixture f = new ShellFixture();
    CliServer server;
    Path socket;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("run/openmgm.sock");
        server = new CliServer(socket);
        // Commands run on the channel's threads; the fixture's IGMP answers only on the test thread.
        RouterView view = RouterView.of(f.mgm, null, f.plane, f.plane, f.time.clock());
        server.commands().add(new MrouteCommand(view));
        server.commands().add(new StatusCommand(view, null));
        server.commands().add(new SimJoinCommand(view));
    }

    @AfterEach
    void stop() {
        server.deactivate();
    }

    String askRaw(String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(ch).write(request.getBytes(StandardCharsets.UTF_8));
            ch.shutdownOutput();
            return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String ask(String... args) throws IOException {
        StringBuilder b = new StringBuilder(CliServer.HELLO + "\n" + args.length + "\n");
        for (String a : args) {
            b.append(a).append('\n');
        }
        return askRaw(b.toString());
    }

    @Test
    void theSocketIsPrivate() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    @Test
    void showStatusAndSimCommandsAnswerWithTheirExitStatusFirst() throws IOException {
        assertTrue(ask("status").startsWith("0\nOpenMGM is running and healthy\n"));
        assertTrue(ask("show", "mroute").startsWith("0\nSource"));
        assertTrue(ask("show", "mroute", "--json").startsWith("0\n{\n  \"mroute\": []"));
        assertTrue(ask("sim-join", "sim101", "239.1.1.1").startsWith("0\nHost 10.0.101.100"));
        assertTrue(ask("show", "mroute", "-g", "1.1.1.1").startsWith("6\nopenmgm: group '1.1.1.1'"));
        assertTrue(ask("show", "routes").startsWith("5\nopenmgm: unknown show command 'routes'"));
        assertTrue(ask("show", "sim-join").startsWith("5\n"), "sim commands are not show commands");
        assertTrue(ask("mroute").startsWith("5\n"), "show commands need 'show'");
        assertTrue(ask("show").startsWith("2\n"));
        assertTrue(ask(new String[0]).startsWith("2\n"));
    }

    @Test
    void malformedRequestsAreRefused() throws IOException {
        assertTrue(askRaw("GET / HTTP/1.1\r\n\r\n").startsWith("2\nopenmgm: malformed request: not an OpenMGM CLI client"));
        assertTrue(askRaw(CliServer.HELLO + "\nmany\n").startsWith("2\n"));
        assertTrue(askRaw(CliServer.HELLO + "\n3\nshow\n").startsWith("2\n"));
    }

    @Test
    void aSecondRouterDoesNotStealALiveSocketButAStaleOneIsReplaced() throws IOException {
        IOException e = assertThrows(IOException.class, () -> new CliServer(socket));
        assertTrue(e.getMessage().contains("another router already answers"), e.getMessage());

        server.deactivate();
        assertFalse(Files.exists(socket), "removed on stop");
        Files.createFile(socket);                              // left behind by a crash
        server = new CliServer(socket);
        server.commands().add(new StatusCommand(RouterView.of(f.mgm, null, null, null, f.time.clock()), null));
        assertTrue(ask("status").startsWith("0\n"));
    }
}
