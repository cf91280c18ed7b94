package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Without CAP_NET_RAW and CAP_NET_ADMIN the plane refuses to start with the message that says what
 * it needs. The probe runs as root with both capabilities removed from its bounding set ({@code
 * setpriv}), inside a throwaway namespace.
 */
class PrivilegeIT {

    @Test
    void withoutTheCapabilitiesThePlaneSaysWhatItNeeds() throws Exception {
        String why = TestNetwork.whyNot();
        assumeTrue(why == null, why);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux) to drop capabilities");
        try (TestNetwork net = new TestNetwork()) {
            String ns = net.namespace("p");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String out = net.exec(ns, "/usr/bin/setpriv", "--bounding-set=-net_raw,-net_admin", "--inh-caps=-all", java,
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    StartProbe.class.getName()).strip();
            assertEquals("refused: The Linux forwarding plane needs root, or the capabilities CAP_NET_ADMIN and CAP_NET_RAW:"
                    + " socket(AF_INET, SOCK_RAW, IPPROTO_IGMP) failed with EPERM (Operation not permitted). Run the router"
                    + " as root, or grant both capabilities (e.g. AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW in its"
                    + " systemd unit).", out.lines().reduce((a, b) -> b).orElse(out));
        }
    }
}
