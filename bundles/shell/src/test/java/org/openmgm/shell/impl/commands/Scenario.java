package org.openmgm.shell.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.JsonParser;
import org.openmgm.shell.impl.Reply;
import org.openmgm.shell.impl.ShellCommand;
import org.openmgm.shell.impl.ShellFixture;

/**
 * The router of {@link ShellFixture} with some life in it, made through the sim commands: a host on
 * sim101 joins 239.1.1.1 (any source) and 232.1.1.1 from 10.1.1.1 and 10.1.1.2; 10.1.1.1 sends 5
 * packets to 239.1.1.1 on sim102 (the entry is created), then 5 more (forwarded), and 2 on sim101
 * (the wrong interface); 7 seconds pass.
 */
abstract class Scenario {

    final ShellFixture f = new ShellFixture();

    void liven() {
        ok(new SimJoinCommand(f.view), "sim101", "239.1.1.1");
        ok(new SimJoinCommand(f.view), "sim101", "232.1.1.1", "10.1.1.1", "10.1.1.2");
        ok(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1", "5");
        ok(new SimSendCommand(f.view), "sim102", "10.1.1.1", "239.1.1.1", "5");
        ok(new SimSendCommand(f.view), "sim101", "10.1.1.1", "239.1.1.1", "2");
        f.time.advance(Duration.ofSeconds(7));
    }

    String ok(ShellCommand c, String... args) {
        Reply r = f.run(c, args);
        assertEquals(ExitCode.OK, r.code(), r.output());
        return r.output();
    }

    Map<String, Object> json(ShellCommand c, String... args) {
        String[] withJson = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--json")).toArray(String[]::new);
        Reply r = f.run(c, withJson);
        assertEquals(ExitCode.OK, r.code(), r.output());
        return JsonParser.object(r.output());
    }

    Reply fails(ExitCode expected, ShellCommand c, String... args) {
        Reply r = f.run(c, args);
        assertEquals(expected, r.code(), r.output());
        return r;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> model, String key) {
        return (List<Map<String, Object>>) model.get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    /** The text lines that mention all the words, for assertions that do not depend on spacing. */
    static List<String> linesWith(String text, String... words) {
        return text.lines().filter(l -> java.util.Arrays.stream(words).allMatch(l::contains)).toList();
    }

    /** The words of a line, to compare columns. */
    static List<String> cells(String line) {
        return List.of(line.trim().split("\\s{2,}"));
    }
}
