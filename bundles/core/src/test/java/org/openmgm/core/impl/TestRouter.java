package org.openmgm.core.impl;

import java.net.InetAddress;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.testing.ManualScheduler;

/**
 * An MGM wired for unit tests: the simulated plane (also its multicast view), a manual scheduler
 * and its fake clock. Nothing runs on another thread: plane events run when the test calls
 * {@link #runPending()} or advances time.
 */
final class TestRouter {

    final ManualScheduler scheduler = new ManualScheduler();
    final SimulatedPlane plane = new SimulatedPlane(scheduler.clock());
    final RouteLookups routes = new RouteLookups();
    final MulticastGroupManager mgm;

    TestRouter(MgmSettings settings) {
        routes.add(plane, 0);
        mgm = new MulticastGroupManager(settings, plane, routes, scheduler, scheduler.clock());
        mgm.start();
        plane.addRouteListener(mgm.routeListener());
    }

    static TestRouter withSettings(Map<String, ?> props) {
        return new TestRouter(MgmSettings.from(props, MgmSettings.DEFAULTS, (k, v) -> {
            throw new AssertionError(k + " " + v);
        }));
    }

    /** Injects a packet and lets the MGM process what it caused. */
    PacketSimulator.Delivery inject(InterfaceId arrival, InetAddress source, InetAddress group) {
        PacketSimulator.Delivery d = plane.inject(arrival, source, group, 100);
        scheduler.runPending();
        return d;
    }

    void runPending() {
        scheduler.runPending();
    }
}
