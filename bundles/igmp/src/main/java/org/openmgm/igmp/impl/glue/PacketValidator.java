package org.openmgm.igmp.impl.glue;

import java.net.InetAddress;

import org.openmgm.igmp.impl.codec.IgmpCodec;
import org.openmgm.igmp.impl.codec.IgmpMessage;
import org.openmgm.igmp.impl.codec.LeaveGroup;
import org.openmgm.igmp.impl.codec.MalformedIgmpException;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.igmp.impl.codec.MembershipReportV1;
import org.openmgm.igmp.impl.codec.MembershipReportV2;
import org.openmgm.igmp.impl.codec.MembershipReportV3;
import org.openmgm.igmp.impl.fsm.IgmpCounters.Drop;
import org.openmgm.spi.NetworkInterfaceInfo;

/**
 * The packet-level checks a router makes before the state machine sees a message (RFC 3376 §4.2.14,
 * §9; RFC 2236 §9): TTL, decoding (length, checksum, type, fields), Router Alert, the sender, and
 * the destination. Pure: the verdict is either the decoded message or the reason to drop it.
 */
final class PacketValidator {

    static final InetAddress ALL_SYSTEMS = address(224, 0, 0, 1);
    static final InetAddress ALL_ROUTERS = address(224, 0, 0, 2);
    static final InetAddress ALL_IGMPV3_ROUTERS = address(224, 0, 0, 22);
    static final InetAddress UNSPECIFIED = address(0, 0, 0, 0);

    /** A decoded message, or why it is dropped. */
    record Verdict(IgmpMessage message, Drop drop, String detail) {
        static Verdict drop(Drop reason, String detail) {
            return new Verdict(null, reason, detail);
        }
    }

    private PacketValidator() {
    }

    /**
     * Checks one received message.
     *
     * @param payload the IGMP bytes
     * @param source the IP source
     * @param destination the IP destination
     * @param ttl the IP TTL
     * @param routerAlert whether the IP header carried Router Alert
     * @param link the interface it arrived on
     * @param requireRouterAlert whether IGMPv3 messages need Router Alert
     * @return the verdict
     */
    static Verdict check(byte[] payload, InetAddress source, InetAddress destination, int ttl, boolean routerAlert,
                         NetworkInterfaceInfo link, boolean requireRouterAlert) {
        if (ttl != 1) {
            return Verdict.drop(Drop.BAD_TTL, "TTL " + ttl);               // §4: IGMP is sent with TTL 1
        }
        IgmpMessage m;
        try {
            m = IgmpCodec.decode(payload);
        } catch (MalformedIgmpException e) {
            return Verdict.drop(e.reason(), e.getMessage());
        }
        boolean v3 = m instanceof MembershipReportV3 || m instanceof MembershipQuery q && q.version() == 3;
        if (v3 && requireRouterAlert && !routerAlert) {
            return Verdict.drop(Drop.NO_ROUTER_ALERT, "IGMPv3 without Router Alert");   // §9.1, §9.2
        }
        boolean toUs = link.isOwnAddress(destination);
        return switch (m) {
            case MembershipQuery q -> {
                if (link.isOwnAddress(source)) {
                    yield Verdict.drop(Drop.OWN_QUERY, "own query");
                }
                boolean ok = toUs || (q.isGeneral() ? destination.equals(ALL_SYSTEMS)
                        : destination.equals(q.group()) || destination.equals(ALL_SYSTEMS));
                yield ok ? new Verdict(m, null, null) : badDestination(destination);
            }
            case MembershipReportV3 r -> {
                if (!onLink(source, link)) {
                    yield Verdict.drop(Drop.NOT_ON_LINK, "report from " + source.getHostAddress());
                }
                // §4.2.14: IGMPv3 reports go to 224.0.0.22; a router also takes those sent to it.
                yield toUs || destination.equals(ALL_IGMPV3_ROUTERS) ? new Verdict(m, null, null)
                        : badDestination(destination);
            }
            case MembershipReportV1 r -> report(m, r.group(), source, destination, toUs, link);
            case MembershipReportV2 r -> report(m, r.group(), source, destination, toUs, link);
            case LeaveGroup l -> {
                if (!onLink(source, link)) {
                    yield Verdict.drop(Drop.NOT_ON_LINK, "leave from " + source.getHostAddress());
                }
                // RFC 2236 §9: leaves go to 224.0.0.2; old hosts sent them to the group.
                yield toUs || destination.equals(ALL_ROUTERS) || destination.equals(l.group())
                        ? new Verdict(m, null, null) : badDestination(destination);
            }
        };
    }

    private static Verdict report(IgmpMessage m, InetAddress group, InetAddress source, InetAddress destination,
                                  boolean toUs, NetworkInterfaceInfo link) {
        if (!onLink(source, link)) {
            return Verdict.drop(Drop.NOT_ON_LINK, "report from " + source.getHostAddress());
        }
        // RFC 2236 §9, RFC 3376 §4.2.14: v1/v2 reports go to the group reported.
        return toUs || destination.equals(group) ? new Verdict(m, null, null) : badDestination(destination);
    }

    /** §9.2: reports from outside the link are ignored; 0.0.0.0 is allowed (a host with no address yet). */
    private static boolean onLink(InetAddress source, NetworkInterfaceInfo link) {
        return source.isAnyLocalAddress() || link.onLink(source);
    }

    private static Verdict badDestination(InetAddress destination) {
        return Verdict.drop(Drop.BAD_DESTINATION, "sent to " + destination.getHostAddress());
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
