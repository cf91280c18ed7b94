package org.openmgm.shell.impl;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openmgm.api.IgmpService;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.MgmException;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What the commands look at: the MGM, and when they run, IGMP, the plane's interface directory and
 * the simulated plane. Every service is optional and dynamic, so the commands exist (and explain
 * what is missing) whatever runs. Also the interface vocabulary: names where the directory knows
 * them, {@code if7} otherwise, and parsing of what an operator types.
 */
@Component(service = RouterView.class)
public class RouterView {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MulticastGroupService mgm;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IgmpService igmp;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InterfaceDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PacketSimulator simulator;

    private final Clock clock;

    /** For DS. */
    public RouterView() {
        this.clock = Clock.systemUTC();
    }

    private RouterView(MulticastGroupService mgm, IgmpService igmp, InterfaceDirectory directory,
                       PacketSimulator simulator, Clock clock) {
        this.mgm = mgm;
        this.igmp = igmp;
        this.directory = directory;
        this.simulator = simulator;
        this.clock = clock;
    }

    /**
     * A view outside OSGi (tests, tools).
     *
     * @param mgm the MGM, or {@code null}
     * @param igmp the IGMP router, or {@code null}
     * @param directory the interface directory, or {@code null}
     * @param simulator the simulated plane, or {@code null}
     * @param clock the wall clock (for time stamps)
     * @return the view
     */
    public static RouterView of(MulticastGroupService mgm, IgmpService igmp, InterfaceDirectory directory,
                                PacketSimulator simulator, Clock clock) {
        return new RouterView(mgm, igmp, directory, simulator, clock);
    }

    /**
     * Returns the MGM.
     *
     * @return the service
     * @throws CommandException {@link ExitCode#UNAVAILABLE} when it is not running
     */
    public MulticastGroupService mgm() {
        MulticastGroupService m = mgm;
        if (m == null) {
            throw new CommandException(ExitCode.UNAVAILABLE, "the MGM service is not running (is bundle"
                    + " org.openmgm.core active, with a forwarding plane?)");
        }
        return m;
    }

    /**
     * Tells whether the MGM runs.
     *
     * @return {@code true} if its service is there
     */
    public boolean mgmRunning() {
        return mgm != null;
    }

    /**
     * Returns IGMP, if it runs.
     *
     * @return the service
     */
    public Optional<IgmpService> igmp() {
        return Optional.ofNullable(igmp);
    }

    /**
     * Returns IGMP.
     *
     * @return the service
     * @throws CommandException {@link ExitCode#UNAVAILABLE} when it is not running
     */
    public IgmpService requireIgmp() {
        return igmp().orElseThrow(() -> new CommandException(ExitCode.UNAVAILABLE,
                "IGMP is not running (bundle org.openmgm.igmp is not active)"));
    }

    /**
     * Returns the simulated plane.
     *
     * @return the service
     * @throws CommandException {@link ExitCode#UNAVAILABLE} when the router has no simulated plane
     */
    public PacketSimulator requireSimulator() {
        PacketSimulator s = simulator;
        if (s == null) {
            throw new CommandException(ExitCode.UNAVAILABLE, "there is no simulated forwarding plane in this router"
                    + " (bundle org.openmgm.forwarding-sim)");
        }
        return s;
    }

    /**
     * Returns the interfaces the plane knows.
     *
     * @return the interfaces, or none without a directory
     */
    public List<NetworkInterfaceInfo> systemInterfaces() {
        InterfaceDirectory d = directory;
        return d == null ? List.of() : d.interfaces();
    }

    /**
     * Returns what the plane knows of an interface.
     *
     * @param id the interface
     * @return its description, if the directory knows it
     */
    public Optional<NetworkInterfaceInfo> systemInterface(InterfaceId id) {
        InterfaceDirectory d = directory;
        return d == null ? Optional.empty() : d.byId(InterfaceId.of(id.ifIndex()));
    }

    /**
     * Returns the wall clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Names an interface for people: its system name ({@code sim101}, {@code eth0}) where the plane
     * knows it, {@code if7} otherwise; a point-to-multipoint link adds its next hop.
     *
     * @param id the interface
     * @return the name
     */
    public String ifName(InterfaceId id) {
        Optional<NetworkInterfaceInfo> info = systemInterface(id);
        if (info.isEmpty()) {
            return id.toString();
        }
        return id.isPointToMultipointLink() ? info.get().name() + "/" + id.nextHop().getHostAddress()
                : info.get().name();
    }

    /**
     * Parses an interface as an operator types it: a name the plane knows, an index ({@code 7},
     * {@code if7}) or a link {@code 7/10.0.0.2}.
     *
     * @param text the text
     * @return the interface
     * @throws CommandException {@link ExitCode#BAD_FILTER} if it is none of these
     */
    public InterfaceId parseInterface(String text) {
        InterfaceDirectory d = directory;
        if (d != null) {
            Optional<NetworkInterfaceInfo> byName = d.byName(text.strip());
            if (byName.isPresent()) {
                return byName.get().id();
            }
        }
        try {
            return InterfaceId.parse(text);
        } catch (MgmException e) {
            String known = systemInterfaces().stream().map(NetworkInterfaceInfo::name).collect(Collectors.joining(", "));
            throw CommandException.badFilter("unknown interface '" + text + "': neither a name the forwarding plane"
                    + " knows" + (known.isEmpty() ? "" : " (" + known + ")") + " nor an index such as 7");
        }
    }

    /**
     * Parses a multicast group address.
     *
     * @param text e.g. {@code 239.1.1.1}
     * @return the address
     * @throws CommandException {@link ExitCode#BAD_FILTER} if it is not a numeric multicast address
     */
    public static InetAddress parseGroup(String text) {
        InetAddress a = parseHost(text, "group");
        if (!a.isMulticastAddress()) {
            throw CommandException.badFilter("group '" + text + "' is not a multicast address (224.0.0.0/4)");
        }
        return a;
    }

    /**
     * Parses a unicast source address.
     *
     * @param text e.g. {@code 10.1.1.1}
     * @return the address
     * @throws CommandException {@link ExitCode#BAD_FILTER} if it is not a numeric unicast address
     */
    public static InetAddress parseSource(String text) {
        InetAddress a = parseHost(text, "source");
        if (a.isMulticastAddress() || a.isAnyLocalAddress()) {
            throw CommandException.badFilter("source '" + text + "' is not a unicast address");
        }
        return a;
    }

    private static InetAddress parseHost(String text, String what) {
        try {
            Prefix p = Prefix.parse(text);
            if (!p.isHost()) {
                throw CommandException.badFilter(what + " '" + text + "' must be one address, not a prefix");
            }
            return p.address();
        } catch (MgmException e) {
            throw CommandException.badFilter(what + " '" + text + "' is not a numeric IP address");
        }
    }

    /**
     * Returns the registered protocols by id.
     *
     * @return the name of each (e.g. {@code igmp})
     */
    public Map<ProtocolId, String> protocolNames() {
        Map<ProtocolId, String> names = new HashMap<>();
        for (RegisteredProtocol p : mgm().protocols()) {
            names.put(p.id(), p.name());
        }
        return names;
    }

    /**
     * Finds a protocol as an operator names it: its name, {@code 10} or {@code 10/0}.
     *
     * @param text the text
     * @return the protocol
     * @throws CommandException {@link ExitCode#BAD_FILTER} if no registered protocol matches
     */
    public RegisteredProtocol parseProtocol(String text) {
        List<RegisteredProtocol> all = mgm().protocols();
        String t = text.strip();
        for (RegisteredProtocol p : all) {
            if (p.name().equalsIgnoreCase(t) || p.id().toString().equals(t)
                    || (!t.contains("/") && t.equals(Integer.toString(p.id().protocol())))) {
                return p;
            }
        }
        throw CommandException.badFilter("no registered protocol '" + text + "' (registered: "
                + all.stream().map(p -> p.name() + " " + p.id()).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * Describes who holds an interface: {@code example}, {@code igmp}, or {@code example+igmp}.
     *
     * @param o the ownership
     * @param names the protocol names
     * @return the text
     */
    public static String owners(InterfaceOwnership o, Map<ProtocolId, String> names) {
        String rp = o.routingProtocol().map(id -> names.getOrDefault(id, id.toString())).orElse(null);
        String ig = o.igmp().map(id -> names.getOrDefault(id, "igmp")).orElse(null);
        return rp == null ? ig : ig == null ? rp : rp + "+" + ig;
    }
}
