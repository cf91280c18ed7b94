package org.openmgm.forwarding.sim;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.spi.ReversePath;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated plane as a service: {@link ForwardingPlane} with {@code mgm.plane=sim}, a {@link
 * MulticastRouteLookup}, the {@link PacketSimulator}, and the {@link IgmpPacketIo} and {@link
 * InterfaceDirectory} of its simulated interfaces. Configuration PID {@code
 * org.openmgm.forwarding.sim}:
 * <ul>
 *   <li>{@code interfaces}: comma-separated {@code NAME INDEX ADDRESS/LENGTH} entries, e.g. {@code
 *       interfaces = sim101 101 10.0.101.1/24, sim102 102 10.0.102.1/24};</li>
 *   <li>{@code routes}: comma-separated {@code PREFIX INTERFACE [NEXTHOP]} entries, e.g. {@code
 *       routes = 10.1.0.0/16 2, 0.0.0.0/0 3 192.168.3.1}.</li>
 * </ul>
 * A malformed entry is reported with the key and the entry and skipped; the others apply.
 */
@Component(service = {ForwardingPlane.class, MulticastRouteLookup.class, PacketSimulator.class, IgmpPacketIo.class,
        InterfaceDirectory.class, HostMembership.class}, configurationPid = "org.openmgm.forwarding.sim", property = ForwardingPlane.NAME + "=sim")
public final class SimulatedPlaneComponent extends SimulatedPlane {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPlaneComponent.class);

    private final ComponentContext context;
    private final Map<ServiceReference<?>, Object> proxies = new ConcurrentHashMap<>();
    /*
     * Interface listeners are told on a thread of their own, in order: a configuration change runs on
     * Config Admin's thread inside SCR's modification of this component, and a listener being
     * activated at that moment (a protocol bundle starting) may itself be waiting for this
     * plane, so telling it there would wait on SCR's lock and lose the event when that times out.
     */
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mgm-sim-events");
        t.setDaemon(true);
        return t;
    });

    /**
     * Creates the plane with its configured routes.
     *
     * @param context the component context, to look the listeners up
     * @param props the configuration
     */
    @Activate
    public SimulatedPlaneComponent(ComponentContext context, Map<String, Object> props) {
        super(Clock.systemUTC());
        this.context = context;
        configure(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        configure(props);
    }

    private void configure(Map<String, Object> props) {
        links.replace(SimulatedInterfaces.parse(props.get("interfaces"), (entry, problem) -> log.error(
                "Invalid configuration org.openmgm.forwarding.sim: interfaces entry '{}': {}; skipped", entry, problem)));
        replaceRoutes(parseRoutes(props.get("routes")));
    }

    /*
     * The listener whiteboards bind references, not services: the MGM and the IGMP router need this
     * plane to activate, so getting their services while this plane activates would be a cycle. The
     * service is looked up when there is something to tell, by which time both are active.
     */

    @Reference(name = "interfaceListener", service = InterfaceListener.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindInterfaceListener(ServiceReference<InterfaceListener> ref) {
        InterfaceListener proxy = new InterfaceListener() {
            @Override
            public void interfaceChanged(NetworkInterfaceInfo current) {
                tell(() -> {
                    InterfaceListener l = context.locateService("interfaceListener", ref);
                    if (l != null) {
                        l.interfaceChanged(current);
                    }
                });
            }

            @Override
            public void interfaceRemoved(NetworkInterfaceInfo last) {
                tell(() -> {
                    InterfaceListener l = context.locateService("interfaceListener", ref);
                    if (l != null) {
                        l.interfaceRemoved(last);
                    }
                });
            }
        };
        proxies.put(ref, proxy);
        addInterfaceListener(proxy);
    }

    void unbindInterfaceListener(ServiceReference<InterfaceListener> ref) {
        if (proxies.remove(ref) instanceof InterfaceListener proxy) {
            removeInterfaceListener(proxy);
        }
    }

    @Reference(name = "routeListener", service = MulticastRouteListener.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRouteListener(ServiceReference<MulticastRouteListener> ref) {
        // Told at once, unlike interface events: a route added through the PacketSimulator must
        // be in force before the next injected packet (the MGM, the listener, is long active).
        MulticastRouteListener proxy = prefix -> {
            MulticastRouteListener l = context.locateService("routeListener", ref);
            if (l != null) {
                l.routesChanged(prefix);
            }
        };
        proxies.put(ref, proxy);
        addRouteListener(proxy);
    }

    void unbindRouteListener(ServiceReference<MulticastRouteListener> ref) {
        if (proxies.remove(ref) instanceof MulticastRouteListener proxy) {
            removeRouteListener(proxy);
        }
    }

    private void tell(Runnable event) {
        try {
            notifier.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    log.error("A listener of the simulated plane failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("simulated plane stopped; event not told");
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        notifier.shutdown();
        notifier.awaitTermination(5, TimeUnit.SECONDS);
    }

    static Map<Prefix, ReversePath> parseRoutes(Object raw) {
        Map<Prefix, ReversePath> routes = new LinkedHashMap<>();
        if (raw == null) {
            return routes;
        }
        Iterable<?> items = raw instanceof Iterable<?> it ? it
                : raw instanceof String[] a ? java.util.List.of(a) : java.util.List.of(raw.toString().split(","));
        for (Object item : items) {
            String route = item.toString().strip();
            if (route.isEmpty()) {
                continue;
            }
            String[] f = route.split("\\s+");
            try {
                if (f.length < 2 || f.length > 3) {
                    throw MgmException.invalid("expected PREFIX INTERFACE [NEXTHOP]");
                }
                Prefix p = Prefix.parse(f[0]);
                InterfaceId ifId = InterfaceId.parse(f[1]);
                InetAddress nextHop = f.length == 3 ? Prefix.parse(f[2]).address() : Prefix.ANY_V4.address();
                routes.put(p, new ReversePath(ifId, nextHop, new RouteInfo(STATIC_ROUTE_PROTOCOL, p)));
            } catch (MgmException e) {
                log.error("Invalid configuration org.openmgm.forwarding.sim: routes entry '{}': {}; skipped", route,
                        e.getMessage());
            }
        }
        return routes;
    }
}
