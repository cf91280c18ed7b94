package org.openmgm.forwarding.linux;

import org.openmgm.forwarding.linux.mroute.MrouteSocket;
import org.openmgm.forwarding.linux.netlink.NetlinkSocket;
import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.SysException;

/**
 * Turns why the kernel plane could not start into a sentence an operator can act on: missing
 * privilege, a table another multicast router owns, a kernel without multicast routing, not Linux,
 * no native access. Pure; {@code StartupProblemsTest} pins every message.
 */
final class StartupProblems {

    static final String CONFIG_FILE = "etc/" + LinuxPlaneSettings.PID + ".cfg";

    private StartupProblems() {
    }

    /**
     * Explains a system that is not Linux.
     *
     * @param osName the {@code os.name} property
     * @return the explanation
     */
    static String notLinux(String osName) {
        return "The Linux forwarding plane runs only on Linux, and this is " + osName
                + ". Select the simulated plane (forwardingPlane.target = (mgm.plane=sim)) or remove " + CONFIG_FILE + ".";
    }

    /**
     * Explains a failure to start.
     *
     * @param failure what was thrown
     * @param settings the configuration in effect
     * @return the explanation
     */
    static String explain(Throwable failure, LinuxPlaneSettings settings) {
        if (failure instanceof SysException e) {
            return explain(e, settings);
        }
        if (failure instanceof IllegalCallerException || failure instanceof LinkageError) {
            return "The Linux forwarding plane cannot call the C library (" + failure
                    + "). It needs native access: run the JVM with --enable-native-access=ALL-UNNAMED (bin/openmgm does),"
                    + " on Linux with a JVM of Java 22 or newer.";
        }
        return "The Linux forwarding plane could not start: " + failure;
    }

    private static String explain(SysException e, LinuxPlaneSettings settings) {
        int errno = e.errno();
        String call = e.call();
        String what = call + " failed with " + Errno.describe(errno);
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return "The Linux forwarding plane needs root, or the capabilities CAP_NET_ADMIN and CAP_NET_RAW: " + what
                    + ". Run the router as root, or grant both capabilities (e.g. AmbientCapabilities=CAP_NET_ADMIN"
                    + " CAP_NET_RAW in its systemd unit).";
        }
        if (call.equals(MrouteSocket.CALL_INIT) && errno == Errno.EADDRINUSE) {
            String other = settings.table() < 0 ? "another" : "a different";
            return "Another multicast router (e.g. smcroute, igmpproxy, pimd, mrouted or FRR pimd) owns "
                    + settings.tableName() + ": " + what + ". Stop it, or give OpenMGM " + other
                    + " table: set 'table = M' in " + CONFIG_FILE + " and steer the traffic of its interfaces there"
                    + " with 'ip mrule add iif <interface> lookup M' (one rule per interface).";
        }
        if (errno == Errno.ENOPROTOOPT && call.equals(MrouteSocket.CALL_TABLE)) {
            return "This kernel has no multiple multicast routing tables (CONFIG_IP_MROUTE_MULTIPLE_TABLES): " + what
                    + ". Remove 'table = " + settings.table() + "' from " + CONFIG_FILE
                    + " to use the default table, or use a kernel built with it.";
        }
        if (errno == Errno.ENOPROTOOPT || errno == Errno.EOPNOTSUPP) {
            return "This kernel has no IPv4 multicast routing (CONFIG_IP_MROUTE): " + what
                    + ". Use a kernel built with it, or the simulated plane.";
        }
        if (call.equals(MrouteSocket.CALL_TABLE) && errno == Errno.EINVAL) {
            return "The kernel refuses multicast routing table " + settings.table() + ": " + what
                    + ". Choose another 'table' in " + CONFIG_FILE + ".";
        }
        if (call.equals(MrouteSocket.CALL_SOCKET) && (errno == Errno.EAFNOSUPPORT || errno == Errno.EPROTONOSUPPORT
                || errno == Errno.ESOCKTNOSUPPORT)) {
            return "This system has no raw IPv4 IGMP sockets: " + what + ".";
        }
        if (call.startsWith(NetlinkSocket.CALL_SOCKET) || call.startsWith("rtnetlink") || call.contains("NETLINK")) {
            return "The Linux forwarding plane cannot read interfaces and routes from rtnetlink: " + what + ".";
        }
        return "The Linux forwarding plane could not start: " + what + ".";
    }
}
