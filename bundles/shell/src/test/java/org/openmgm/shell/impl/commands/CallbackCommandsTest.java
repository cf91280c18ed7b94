package org.openmgm.shell.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.testing.RecordingProtocol;

/** {@code callbacks} (counters, failures included) and {@code recent-callbacks} (the flight recorder). */
class CallbackCommandsTest extends Scenario {

    /** A protocol on sim103 whose local-join callback throws. */
    void buggyProtocol() {
        RecordingProtocol buggy = new RecordingProtocol() {
            @Override
            public void localJoin(SourceGroup key, InterfaceId ifId) {
                throw new IllegalStateException("a buggy protocol");
            }
        };
        f.mgm.register(ProtocolId.of(2000, 0), "buggy", "org.example.buggy", buggy);
        buggy.requireRegistration().takeInterface(InterfaceId.of(103));
        f.runIgmpOn("sim103");
        ok(new SimJoinCommand(f.view), "sim103", "239.4.4.4");
    }

    @Test
    void callbacksCountDeliveredAndFailedPerProtocolAndCallback() {
        liven();
        buggyProtocol();
        CallbacksCommand c = new CallbacksCommand(f.view);

        String text = ok(c);
        assertEquals(List.of("local-join", "0", "1", "0", "0", "0"), cells(linesWith(text, "local-join").get(0)));
        assertEquals(List.of("upstream (1000/0)", "attached", "1", "0", "0", "0", "0"),
                cells(linesWith(text, "upstream (1000/0)").get(0)));

        Map<String, Object> buggy = rows(json(c, "-p", "buggy"), "callbacks").get(0);
        assertEquals(1L, obj(obj(buggy, "callbacks"), "local-join").get("failed"));
        assertEquals(1L, obj(buggy, "total").get("failed"));
        fails(ExitCode.BAD_FILTER, c, "-p", "nobody");
    }

    @Test
    void recentCallbacksShowTheFlightRecorderNewestLast() {
        liven();
        buggyProtocol();
        RecentCallbacksCommand c = new RecentCallbacksCommand(f.view);

        List<String> lines = ok(c).lines().toList();
        List<String> failed = cells(linesWith(String.join("\n", lines), "local-join").get(0));
        assertEquals(List.of("buggy (2000/0)", "local-join", "(*, 239.4.4.4)"), failed.subList(1, 4));
        assertEquals("THREW", failed.get(failed.size() - 1));
        assertEquals(List.of("upstream (1000/0)", "join-alert", "(*, 239.4.4.4)"),
                cells(lines.get(lines.size() - 1)).subList(1, 4), "newest last");

        List<Map<String, Object>> two = rows(json(c, "-n", "2"), "recentCallbacks");
        assertEquals(2, two.size());
        assertEquals(List.of("local-join", "join-alert"), two.stream().map(r -> r.get("callback")).toList());
        List<Map<String, Object>> upstream = rows(json(c, "-p", "upstream"), "recentCallbacks");
        assertTrue(upstream.stream().allMatch(r -> r.get("protocolId").equals("1000/0")), upstream.toString());
        assertEquals("rpf", upstream.stream().filter(r -> r.get("callback").equals("rpf")).findFirst()
                .orElseThrow().get("callback"));
        assertTrue(fails(ExitCode.BAD_FILTER, c, "-n", "0").output().contains("--count must be a number from 1"));
        assertTrue(fails(ExitCode.BAD_FILTER, c, "-n", "many").output().contains("not 'many'"));
    }
}
