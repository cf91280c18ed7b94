package org.openmgm.shell.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.core.impl.MgmSettings;
import org.openmgm.core.impl.MulticastGroupManager;
import org.openmgm.core.impl.RouteLookups;
import org.openmgm.core.impl.igmp.IgmpClient;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.igmp.impl.glue.IgmpInterfaceSettings;
import org.openmgm.igmp.impl.glue.IgmpRouter;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.testing.ManualScheduler;
import org.openmgm.testing.RecordingProtocol;
import org.openmgm.testing.SynchronousExecutor;

/**
 * A whole router for the command tests, without OSGi and without threads: the real MGM, the real
 * IGMP router and the MGM's IGMP client on the simulated plane, driven by a manual clock. Two
 * simulated interfaces: sim101 (receivers, IGMP runs there) and sim102 (toward the sources, held by
 * a routing protocol named "upstream"); sources in 10.1.0.0/16 are reached through sim102.
 */
public class ShellFixture {

    public static final InterfaceId IF101 = InterfaceId.of(101);
    public static final InterfaceId IF102 = InterfaceId.of(102);
    public static final InterfaceId IF103 = InterfaceId.of(103);

    public final ManualScheduler time = new ManualScheduler();
    public final SimulatedPlane plane = new SimulatedPlane(time.clock());
    public final MulticastGroupManager mgm;
    public final IgmpRouter igmp;
    public final RecordingProtocol upstream = RecordingProtocol.taking(IF102);
    public final RouterView view;

    public ShellFixture() {
        RouteLookups routes = new RouteLookups();
        routes.add(plane, 0);
        mgm = new MulticastGroupManager(MgmSettings.DEFAULTS, plane, routes, time, time.clock());
        mgm.start();
        plane.addRouteListener(mgm.routeListener());
        define("sim101", IF101, "10.0.101.1");
        define("sim102", IF102, "10.0.102.1");
        define("sim103", IF103, "10.0.103.1");
        igmp = new IgmpRouter(plane, plane, time, time.clock());
        plane.addInterfaceListener(igmp);
        igmp.start();
        IgmpClient client = new IgmpClient(new SynchronousExecutor());
        mgm.register(ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0), "igmp", "org.openmgm.core", client);
        igmp.addListener(client);
        mgm.register(ProtocolId.of(1000, 0), "upstream", "org.example.upstream", upstream);
        plane.addRoute(Prefix.parse("10.1.0.0/16"), IF102, ip("10.0.102.254"));
        runIgmpOn("sim101");
        view = RouterView.of(mgm, igmp, plane, plane, time.clock());
    }

    private void define(String name, InterfaceId id, String address) {
        plane.defineInterface(new NetworkInterfaceInfo(id, name, true, true,
                List.of(new NetworkInterfaceInfo.Address(ip(address), 24))));
    }

    /** Turns IGMP on on an interface, as a configuration file would. */
    public void runIgmpOn(String name) {
        IgmpInterfaceSettings.Parsed p = IgmpInterfaceSettings.parse(Map.of("interface", name));
        igmp.configure("pid-" + name, p.settings());
        time.runPending();
    }

    /** Runs a command as the CLI would, and lets the router process what it caused. */
    public Reply run(ShellCommand command, String... args) {
        Reply r = command.execute(List.of(args));
        time.runPending();
        return r;
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
