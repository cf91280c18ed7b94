package org.openmgm.shell.impl.commands;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.CommandException;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.NetworkInterfaceInfo;

/**
 * What a host on a simulated link sends when it joins or leaves: an IGMPv3 state-change report
 * (RFC 3376 §4.2: TO_EX {} to join any source, ALLOW to add sources, TO_IN {} to leave, BLOCK to
 * drop sources) to 224.0.0.22, or with {@code --v2} an IGMPv2 report to the group or a leave to
 * 224.0.0.2 (RFC 2236 §2). Sent with TTL 1 and Router Alert, from a host address on the link.
 */
final class HostReports {

    static final Option V2 = new Option(null, "v2", null, "send IGMPv2 messages (an older host) instead of IGMPv3");
    static final Option FROM = new Option(null, "from", "HOST",
            "the host's address (default: an address on the interface's subnet, e.g. .100)");

    private static final int V3_REPORT = 0x22;
    private static final int V2_REPORT = 0x16;
    private static final int V2_LEAVE = 0x17;
    private static final int TO_IN = 3;
    private static final int TO_EX = 4;
    private static final int ALLOW = 5;
    private static final int BLOCK = 6;

    private HostReports() {
    }

    /** Builds, sends and describes the report. */
    static Map<String, Object> send(RouterView view, Args args, boolean join) {
        List<String> p = args.positional();
        if (p.size() < 2) {
            throw new CommandException(ExitCode.USAGE, "needs IF GROUP [SOURCE...], e.g. sim101 239.1.1.1");
        }
        var sim = view.requireSimulator();
        InterfaceId ifId = view.parseInterface(p.get(0));
        InetAddress group = RouterView.parseGroup(p.get(1));
        List<InetAddress> sources = new ArrayList<>();
        p.subList(2, p.size()).forEach(s -> sources.add(RouterView.parseSource(s)));
        boolean v2 = args.flag(V2);
        if (v2 && !sources.isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "IGMPv2 cannot name sources; leave out --v2 for IGMPv3");
        }
        InetAddress host = args.value(FROM).map(RouterView::parseSource).orElseGet(() -> hostOn(view, ifId));
        byte[] message;
        InetAddress destination;
        String what;
        if (v2) {
            message = v2(join ? V2_REPORT : V2_LEAVE, group);
            destination = join ? group : ip("224.0.0.2");
            what = join ? "IGMPv2 report" : "IGMPv2 leave";
        } else {
            int type = join ? (sources.isEmpty() ? TO_EX : ALLOW) : (sources.isEmpty() ? TO_IN : BLOCK);
            message = v3(type, group, sources);
            destination = ip("224.0.0.22");
            what = "IGMPv3 report " + switch (type) {
                case TO_EX -> "TO_EX {}";
                case ALLOW -> "ALLOW " + names(sources);
                case TO_IN -> "TO_IN {}";
                default -> "BLOCK " + names(sources);
            };
        }
        boolean taken = sim.injectIgmp(new IgmpPacket(ifId, host, destination, 1, true, ByteBuffer.wrap(message)));
        if (!taken) {
            throw new CommandException(ExitCode.UNAVAILABLE, "IGMP does not run on " + view.ifName(ifId)
                    + ": configure it there first (etc/org.openmgm.igmp-" + view.ifName(ifId) + ".cfg)");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", view.ifName(ifId));
        m.put("host", host.getHostAddress());
        m.put("group", group.getHostAddress());
        m.put("sources", sources.stream().map(InetAddress::getHostAddress).toList());
        m.put("message", what);
        m.put("destination", destination.getHostAddress());
        return m;
    }

    private static String names(List<InetAddress> sources) {
        return "{" + String.join(", ", sources.stream().map(InetAddress::getHostAddress).toList()) + "}";
    }

    /** A host address on the interface's primary subnet that is not the router's own. */
    private static InetAddress hostOn(RouterView view, InterfaceId ifId) {
        NetworkInterfaceInfo info = view.systemInterface(ifId).orElseThrow(() -> new CommandException(
                ExitCode.BAD_FILTER, "the plane does not know interface " + view.ifName(ifId) + "; name the host"
                + " with --from"));
        NetworkInterfaceInfo.Address a = info.primaryAddress().orElseThrow(() -> new CommandException(
                ExitCode.BAD_FILTER, view.ifName(ifId) + " has no IPv4 address; name the host with --from"));
        byte[] base = a.subnet().address().getAddress();
        for (int host : new int[] {100, 101, 2, 1}) {
            byte[] b = base.clone();
            b[3] = (byte) (b[3] + host);
            InetAddress candidate = ipOf(b);
            if (a.onSubnet(candidate) && !info.isOwnAddress(candidate)) {
                return candidate;
            }
        }
        throw new CommandException(ExitCode.BAD_FILTER, "no free host address on " + a.subnet() + "; use --from");
    }

    static byte[] v3(int recordType, InetAddress group, List<InetAddress> sources) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 4 * sources.size());
        b.put((byte) V3_REPORT).put((byte) 0).putShort((short) 0).putShort((short) 0).putShort((short) 1);
        b.put((byte) recordType).put((byte) 0).putShort((short) sources.size()).put(group.getAddress());
        sources.forEach(s -> b.put(s.getAddress()));
        return checksummed(b.array());
    }

    static byte[] v2(int type, InetAddress group) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) type).put((byte) 0).putShort((short) 0).put(group.getAddress());
        return checksummed(b.array());
    }

    /** Fills in the Internet checksum (RFC 1071) at bytes 2-3. */
    private static byte[] checksummed(byte[] m) {
        long sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (i + 1 < m.length ? m[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int c = (int) ~sum & 0xffff;
        m[2] = (byte) (c >> 8);
        m[3] = (byte) c;
        return m;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress ipOf(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
