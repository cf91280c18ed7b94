package org.openmgm.forwarding.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openmgm.forwarding.linux.mroute.MrouteSocket;
import org.openmgm.forwarding.linux.netlink.NetlinkSocket;
import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.SysException;

/** Every way the kernel plane can fail to start gets a sentence saying why and what to do. */
class StartupProblemsTest {

    static final LinuxPlaneSettings DEFAULT_TABLE = LinuxPlaneSettings.DEFAULTS;
    static final LinuxPlaneSettings TABLE_7 = new LinuxPlaneSettings(7, 254, LinuxPlaneSettings.Fallback.NONE, true, 1);

    static String explain(String call, int errno, LinuxPlaneSettings s) {
        return StartupProblems.explain(new SysException(call, errno), s);
    }

    @Test
    void noPrivilegeAsksForRootOrBothCapabilities() {
        assertEquals("The Linux forwarding plane needs root, or the capabilities CAP_NET_ADMIN and CAP_NET_RAW:"
                + " socket(AF_INET, SOCK_RAW, IPPROTO_IGMP) failed with EPERM (Operation not permitted). Run the router"
                + " as root, or grant both capabilities (e.g. AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW in its"
                + " systemd unit).", explain(MrouteSocket.CALL_SOCKET, Errno.EPERM, DEFAULT_TABLE));
        assertTrue(explain(MrouteSocket.CALL_TABLE, Errno.EACCES, TABLE_7)
                .startsWith("The Linux forwarding plane needs root, or the capabilities CAP_NET_ADMIN and CAP_NET_RAW:"
                        + " setsockopt(MRT_TABLE) failed with EACCES"));
    }

    @Test
    void aTableInUseNamesTheOtherRoutersAndHowToChooseAnotherTable() {
        assertEquals("Another multicast router (e.g. smcroute, igmpproxy, pimd, mrouted or FRR pimd) owns the default"
                + " multicast routing table (253): setsockopt(MRT_INIT) failed with EADDRINUSE (Address already in use)."
                + " Stop it, or give OpenMGM another table: set 'table = M' in etc/org.openmgm.forwarding.linux.cfg and"
                + " steer the traffic of its interfaces there with 'ip mrule add iif <interface> lookup M' (one rule per"
                + " interface).", explain(MrouteSocket.CALL_INIT, Errno.EADDRINUSE, DEFAULT_TABLE));
        assertTrue(explain(MrouteSocket.CALL_INIT, Errno.EADDRINUSE, TABLE_7)
                .contains("owns multicast routing table 7: setsockopt(MRT_INIT) failed with EADDRINUSE"));
        assertTrue(explain(MrouteSocket.CALL_INIT, Errno.EADDRINUSE, TABLE_7).contains("give OpenMGM a different table"));
    }

    @Test
    void aKernelWithoutMulticastRoutingOrTablesIsNamed() {
        assertEquals("This kernel has no IPv4 multicast routing (CONFIG_IP_MROUTE): getsockopt(MRT_VERSION) failed with"
                + " ENOPROTOOPT (Protocol not available). Use a kernel built with it, or the simulated plane.",
                explain(MrouteSocket.CALL_VERSION, Errno.ENOPROTOOPT, DEFAULT_TABLE));
        assertEquals("This kernel has no multiple multicast routing tables (CONFIG_IP_MROUTE_MULTIPLE_TABLES):"
                + " setsockopt(MRT_TABLE) failed with ENOPROTOOPT (Protocol not available). Remove 'table = 7' from"
                + " etc/org.openmgm.forwarding.linux.cfg to use the default table, or use a kernel built with it.",
                explain(MrouteSocket.CALL_TABLE, Errno.ENOPROTOOPT, TABLE_7));
        assertTrue(explain(MrouteSocket.CALL_TABLE, Errno.EINVAL, TABLE_7)
                .startsWith("The kernel refuses multicast routing table 7"));
        assertTrue(explain(MrouteSocket.CALL_SOCKET, Errno.EAFNOSUPPORT, DEFAULT_TABLE)
                .startsWith("This system has no raw IPv4 IGMP sockets"));
    }

    @Test
    void otherFailuresSayWhatFailed() {
        assertEquals("The Linux forwarding plane cannot read interfaces and routes from rtnetlink:"
                + " socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) failed with EMSGSIZE (Message too long).",
                explain(NetlinkSocket.CALL_SOCKET, Errno.EMSGSIZE, DEFAULT_TABLE));
        assertEquals("The Linux forwarding plane could not start: setsockopt(IP_PKTINFO) failed with errno 200.",
                explain("setsockopt(IP_PKTINFO)", 200, DEFAULT_TABLE));
        assertTrue(StartupProblems.explain(new IllegalCallerException("restricted method"), DEFAULT_TABLE)
                .contains("--enable-native-access=ALL-UNNAMED"));
        assertTrue(StartupProblems.explain(new UnsatisfiedLinkError("no ioctl"), DEFAULT_TABLE)
                .contains("cannot call the C library"));
        assertEquals("The Linux forwarding plane runs only on Linux, and this is Mac OS X. Select the simulated plane"
                + " (forwardingPlane.target = (mgm.plane=sim)) or remove etc/org.openmgm.forwarding.linux.cfg.",
                StartupProblems.notLinux("Mac OS X"));
    }
}
