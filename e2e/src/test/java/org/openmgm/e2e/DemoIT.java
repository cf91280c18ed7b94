package org.openmgm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code bin/openmgm demo} as a newcomer runs it, from the built distribution: the kernel story
 * in namespaces (root) and the simulated one. The oracle is what the demo prints, read as a user
 * would, and what it leaves behind.
 */
class DemoIT {

    @Test
    void theKernelDemoShowsJoinsAndLeavesOnRealReceiversAndLeavesNothingBehind() {
        Requirements.rootWithNamespaces();
        Requirements.programs("python3");
        Proc demo = Proc.start("demo", null, List.of("env", "OPENMGM_DEMO_STEP=2",
                "JAVA_HOME=" + System.getProperty("java.home"), OpenMgm.DIST.resolve("bin/openmgm").toString(), "demo"));
        int exit = demo.waitFor(Duration.ofSeconds(120));
        String out = String.join("\n", demo.output());
        String tag = match(out, "namespaces (omgd[0-9]+)-\\*");

        List<Long> rcv1 = counts(out, "rcv1");
        List<Long> rcv2 = counts(out, "rcv2");
        assertEquals(List.of(0L, 0L), List.of(rcv1.get(0), rcv2.get(0)), "1. nobody joined: " + out);
        assertTrue(rcv1.get(1) > 0 && rcv2.get(1) == 0, "2. receiver 1 joined: " + out);
        assertTrue(rcv1.get(2) > 0 && rcv2.get(2) > 0, "3. both joined: " + out);
        assertTrue(rcv2.get(3) > 0, "4. receiver 2 still receives: " + out);
        assertEquals(0L, rcv2.get(4), "5. both left: " + out);
        assertTrue(out.contains("local join (*, 239.1.2.3)") && out.contains("local leave (*, 239.1.2.3)"), out);
        assertTrue(out.contains("Oifs: d1 d2"), "the kernel entry with both receivers' interfaces: " + out);
        assertTrue(out.contains("Kernel tables after the stop: 0 VIFs, 0 forwarding entries."), out);
        assertEquals(0, exit, out);

        assertTrue(Shell.run(List.of("ip", "netns", "list")).output().lines().noneMatch(l -> l.startsWith(tag)),
                "no namespace of the demo is left");
        assertTrue(Shell.run(List.of("pgrep", "-f", "openmgm-demo\\.")).output().isBlank(),
                "no process of the demo is left");
    }

    @Test
    void theSimulatedDemoTellsTheSameStory() {
        Proc demo = Proc.start("demo-sim", null, List.of("env", "JAVA_HOME=" + System.getProperty("java.home"),
                OpenMgm.DIST.resolve("bin/openmgm-demo-sim").toString()));
        assertEquals(0, demo.waitFor(Duration.ofSeconds(120)), String.join("\n", demo.output()));
        String out = String.join("\n", demo.output());
        assertTrue(out.contains("OpenMGM ready"), out);
        assertTrue(out.contains("forwarded (out of d1)"), "receiver 1 gets the stream: " + out);
        assertTrue(out.contains("forwarded (out of d1, d2)"), "both get it: " + out);
        assertTrue(out.contains("forwarded (out of d2)"), "receiver 1 left: " + out);
        assertTrue(out.contains("1 entry (1 negative: data dropped)"), "both left: " + out);
        assertTrue(!out.contains("not seen within") && !out.contains("still there"), out);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in: " + text);
        return m.group(1);
    }

    /** Per step, how many datagrams a receiver got in that step, as the demo printed it. */
    private static List<Long> counts(String out, String receiver) {
        Matcher m = Pattern.compile(receiver + " received ([0-9]+) datagrams").matcher(out);
        List<Long> counts = new java.util.ArrayList<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(1)));
        }
        assertEquals(5, counts.size(), "five steps for " + receiver + ": " + out);
        return counts;
    }
}
