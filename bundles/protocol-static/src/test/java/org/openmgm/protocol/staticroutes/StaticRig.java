package org.openmgm.protocol.staticroutes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.core.impl.MgmSettings;
import org.openmgm.core.impl.MulticastGroupManager;
import org.openmgm.core.impl.RouteLookups;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.testing.ManualScheduler;

/** A router for the tests: the MGM on the simulated plane, a manual clock, the static protocol. */
final class StaticRig {

    final ManualScheduler time = new ManualScheduler();
    final SimulatedPlane plane = new SimulatedPlane(time.clock());
    final RouteLookups lookups = new RouteLookups();
    final MulticastGroupManager mgm;
    final StaticRouting routing;

    StaticRig() {
        for (int i = 1; i <= 4; i++) {
            plane.defineInterface(new NetworkInterfaceInfo(InterfaceId.of(i), "eth" + i, true, true,
                    List.of(new NetworkInterfaceInfo.Address(ip("10.0." + i + ".1"), 24))));
        }
        lookups.add(plane, 0);
        mgm = new MulticastGroupManager(MgmSettings.DEFAULTS, plane, lookups, time, time.clock());
        mgm.start();
        plane.addRouteListener(mgm.routeListener());
        routing = new StaticRouting(name -> plane.byName(name).map(NetworkInterfaceInfo::id)
                .or(() -> name.matches("\\d+") ? Optional.of(InterfaceId.parse(name)) : Optional.empty()),
                mgm.routeListener());
        lookups.add(routing, 100);
        mgm.register(ProtocolId.of(1010, 0), "static", "test", routing);
        time.runPending();
    }

    void run() {
        time.runPending();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
