package org.openmgm.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/**
 * What the end-to-end tests need: root (network namespaces, raw sockets, the kernel's multicast
 * routing) and a few programs. Missing ones abort the test with the reason, visibly in the report —
 * never a silent pass. In CI (root, CI=true) .ci/run installs the packages first.
 */
final class Requirements {

    private Requirements() {
    }

    /** Root and working {@code ip netns}. */
    static void rootWithNamespaces() {
        boolean root = "root".equals(System.getProperty("user.name"))
                || Shell.run(List.of("id", "-u")).output().strip().equals("0");
        assumeTrue(root, "skipped: end-to-end tests need root (network namespaces, raw sockets)");
        assumeTrue(Shell.exists("ip") && Shell.run(List.of("ip", "netns", "list")).ok(),
                "skipped: 'ip netns' does not work here");
        assumeTrue(Shell.exists("python3"), "skipped: python3 is needed for the test hosts");
    }

    /** Programs from Debian packages (smcroute, igmpproxy, tcpdump...). */
    static void programs(String... names) {
        for (String n : names) {
            assumeTrue(Shell.exists(n), "skipped: " + n + " is not installed (apt-get install " + n + ")");
        }
    }
}
