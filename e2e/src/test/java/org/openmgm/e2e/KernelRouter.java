package org.openmgm.e2e;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An OpenMGM router on the Linux kernel plane in a test host, configured the way the README tells
 * a user: the plane's file in {@code etc/}, the MGM and the IGMP router pointed at {@code
 * (mgm.plane=linux)}, IGMP per interface, and the recording protocol (the test fixtures bundle,
 * hot-deployed) owning the interfaces it is given, logging every callback it receives.
 */
final class KernelRouter {

    /** The test fixtures bundle with the recording protocol. */
    static final Path RECORDING_JAR = Paths.get(System.getProperty("openmgm.testing.jar",
            "../bundles/testing/target/testing-0.1.0-SNAPSHOT.jar"));
    /** Its protocol id, as it appears in the log. */
    static final int PROTOCOL_ID = 4242;

    private KernelRouter() {
    }

    /**
     * Configures a router copy for the kernel plane; IGMP leaves take 2 queries 0.5 s apart.
     *
     * @param net the test network
     * @param host the router's host
     * @param name the copy's folder name
     * @param igmpInterfaces interfaces to run IGMP on (receivers' side)
     * @param protocolInterfaces interfaces the recording protocol owns (all it routes)
     * @return the router, not started
     */
    static OpenMgm configure(TestNet net, String host, String name, List<String> igmpInterfaces,
                             List<String> protocolInterfaces) {
        OpenMgm router = new OpenMgm(net, host, name);
        router.removeEtc("org.apache.felix.http.cfg");         // no HTTP needed; two routers may share a host
        router.etc("org.openmgm.forwarding.linux.cfg", "# the kernel plane on the default table\n");
        router.etc("org.openmgm.core.cfg", "forwardingPlane.target = (mgm.plane=linux)\n");
        router.etc("org.openmgm.igmp.router.cfg",
                "packetIo.target = (mgm.plane=linux)\ninterfaces.target = (mgm.plane=linux)\n");
        for (String ifName : igmpInterfaces) {
            router.etc("org.openmgm.igmp-" + ifName + ".cfg", "interface = " + ifName + "\n"
                    + "lastMemberQueryInterval = 0.5\nlastMemberQueryCount = 2\n");
        }
        String indices = protocolInterfaces.stream().map(i -> Integer.toString(net.ifIndex(host, i)))
                .collect(Collectors.joining(", "));
        router.etc("org.openmgm.testing.recording-rec.cfg", "mgm.protocol.id = " + PROTOCOL_ID + "\n"
                + "mgm.protocol.name = recording\ninterfaces = " + indices + "\n");
        router.deploy(RECORDING_JAR, "recording.jar");
        return router;
    }

    /** The static routing protocol's jar in the distribution. */
    static final Path STATIC_JAR = OpenMgm.DIST.resolve("protocols/openmgm-protocol-static.jar");
    /** The IGMP proxy's jar in the distribution. */
    static final Path PROXY_JAR = OpenMgm.DIST.resolve("protocols/openmgm-protocol-igmp-proxy.jar");

    /**
     * Configures a router copy for the kernel plane without the recording protocol: the routing
     * protocols are added with {@link #staticRoutes} and {@link #proxy}.
     *
     * @param net the test network
     * @param host the router's host
     * @param name the copy's folder name
     * @param igmpInterfaces interfaces to run IGMP on
     * @return the router, not started
     */
    static OpenMgm plain(TestNet net, String host, String name, List<String> igmpInterfaces) {
        OpenMgm router = configure(net, host, name, igmpInterfaces, List.of());
        router.removeEtc("org.openmgm.testing.recording-rec.cfg");
        router.undeploy("recording.jar");
        return router;
    }

    /** Selects the kernel plane for the static protocol; its routes come from {@code route-*.cfg} files. */
    static void staticRoutes(OpenMgm router) {
        router.etc("org.openmgm.protocol.static.cfg", "interfaces.target = (mgm.plane=linux)\n");
    }

    /** Writes one static route ({@code source} may be null for (*,G)). */
    static void route(OpenMgm router, String name, String from, String source, String group, String to) {
        router.etc("org.openmgm.protocol.static.route-" + name + ".cfg", "from = " + from + "\n"
                + (source == null ? "" : "source = " + source + "\n") + "group = " + group + "\nto = " + to + "\n");
    }

    /** Configures the IGMP proxy on the kernel plane. */
    static void proxy(OpenMgm router, String upstream, String downstream) {
        router.etc("org.openmgm.protocol.igmpproxy.cfg", "upstream = " + upstream + "\ndownstream = " + downstream
                + "\ninterfaces.target = (mgm.plane=linux)\nhostMembership.target = (mgm.plane=linux)\n");
    }

    /** Waits until the recording protocol is attached (it then owns its interfaces). */
    static void awaitAttached(OpenMgm router) {
        router.await("recording protocol " + PROTOCOL_ID + "/0: Attached", OpenMgm.START);
    }
}
