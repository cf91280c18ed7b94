package org.openmgm.forwarding.linux;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LinuxPlane} as an OSGi component: publishes it as {@link ForwardingPlane}, {@link
 * IgmpPacketIo}, {@link InterfaceDirectory}, {@link MulticastRouteLookup} and {@link HostMembership} with {@code
 * mgm.plane=linux}, and feeds the {@link InterfaceListener} and {@link MulticastRouteListener}
 * whiteboards.
 *
 * <h2>When it runs</h2>
 * Only when its configuration exists ({@code configurationPolicy = REQUIRE}, PID {@value
 * LinuxPlaneSettings#PID}, i.e. the file {@code etc/org.openmgm.forwarding.linux.cfg}). With the
 * bundle installed but that file absent, nothing happens: no socket is opened, nothing is logged,
 * and the router runs on whatever plane is selected (the simulated one by default). Any change of
 * the file restarts the component (there is no {@code @Modified}: the table cannot change in
 * place).
 *
 * <h2>Why it registers its services itself</h2>
 * The services exist only if the kernel accepted the plane: a DS-declared service would be
 * visible (and bound by the MGM) before the constructor could fail. So the constructor starts the
 * plane and registers the services on success. On failure it logs what went wrong and how to fix
 * it, registers nothing, and with {@code fallback = simulated} lets a {@link SimulatedFallback}
 * serve {@code mgm.plane=linux} from the simulated plane, with a warning. The bundle manifest
 * declares the capabilities for resolvers.
 *
 * <h2>Stopping</h2>
 * The services are unregistered first (the MGM closes the plane and withdraws its entries), then
 * the plane is shut down: MRT_FLUSH of every VIF and entry, MRT_DONE, sockets closed. Nothing is
 * left in {@code /proc/net/ip_mr_vif} or {@code /proc/net/ip_mr_cache}.
 */
@Component(configurationPid = LinuxPlaneSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class LinuxPlaneComponent {

    private static final Logger log = LoggerFactory.getLogger(LinuxPlaneComponent.class);
    private static final String[] SERVICES = {ForwardingPlane.class.getName(), IgmpPacketIo.class.getName(),
        InterfaceDirectory.class.getName(), MulticastRouteLookup.class.getName(), HostMembership.class.getName()};

    private final ComponentContext context;
    private final LinuxPlane plane;
    private final ServiceRegistration<?> registration;
    private final SimulatedFallback fallback;
    private final Map<ServiceReference<?>, Object> proxies = new ConcurrentHashMap<>();

    /**
     * Starts the kernel plane and publishes it, or explains why it cannot.
     *
     * @param context the component context (to register services and look listeners up)
     * @param props the configuration
     */
    @Activate
    public LinuxPlaneComponent(ComponentContext context, Map<String, Object> props) {
        this.context = context;
        LinuxPlaneSettings settings = LinuxPlaneSettings.from(props, (key, problem) ->
                log.error("Invalid configuration {}: {} {}", LinuxPlaneSettings.PID, key, problem));
        LinuxPlane started = null;
        String problem = null;
        try {
            started = LinuxPlane.start(settings);
        } catch (PlaneUnavailableException e) {
            problem = e.getMessage();
            log.debug("Why the Linux plane cannot start", e);
        }
        plane = started;
        if (started != null) {
            Dictionary<String, Object> serviceProps = new Hashtable<>();
            serviceProps.put(ForwardingPlane.NAME, "linux");
            registration = context.getBundleContext().registerService(SERVICES, started, serviceProps);
            fallback = null;
            if (!started.reportsAllWrongInterfaces() && settings.allWrongInterfaces()) {
                log.info("This kernel has no MRT_PIM (CONFIG_IP_PIMSM_V2): only packets arriving on an outgoing"
                        + " interface of an entry are reported as on the wrong interface");
            }
            log.info("Started ({}, {} interfaces)", started, started.interfaces().size());
        } else if (settings.fallback() == LinuxPlaneSettings.Fallback.SIMULATED) {
            registration = null;
            log.error(problem);
            log.warn("fallback = simulated in {}: the simulated plane will serve mgm.plane=linux. NOTHING WILL BE"
                    + " FORWARDED ON REAL INTERFACES and IGMP runs only on simulated ones", StartupProblems.CONFIG_FILE);
            fallback = new SimulatedFallback(context.getBundleContext());
            fallback.start();
        } else {
            registration = null;
            fallback = null;
            log.error("{} No plane mgm.plane=linux is published: what selects it (forwardingPlane.target,"
                    + " packetIo.target, interfaces.target) waits. Set 'fallback = simulated' in {} to run on the"
                    + " simulated plane meanwhile.", problem, StartupProblems.CONFIG_FILE);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();            // the MGM closes the plane: its entries go first
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it
            }
        }
        if (fallback != null) {
            fallback.stop();
        }
        if (plane != null) {
            plane.shutdown();
            log.info("Stopped");
        }
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
                InterfaceListener l = context.locateService("interfaceListener", ref);
                if (l != null) {
                    l.interfaceChanged(current);
                }
            }

            @Override
            public void interfaceRemoved(NetworkInterfaceInfo last) {
                InterfaceListener l = context.locateService("interfaceListener", ref);
                if (l != null) {
                    l.interfaceRemoved(last);
                }
            }
        };
        proxies.put(ref, proxy);
        if (plane != null) {
            plane.addInterfaceListener(proxy);
        }
    }

    void unbindInterfaceListener(ServiceReference<InterfaceListener> ref) {
        if (proxies.remove(ref) instanceof InterfaceListener proxy && plane != null) {
            plane.removeInterfaceListener(proxy);
        }
    }

    @Reference(name = "routeListener", service = MulticastRouteListener.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRouteListener(ServiceReference<MulticastRouteListener> ref) {
        MulticastRouteListener proxy = prefix -> {
            MulticastRouteListener l = context.locateService("routeListener", ref);
            if (l != null) {
                l.routesChanged(prefix);
            }
        };
        proxies.put(ref, proxy);
        if (plane != null) {
            plane.addRouteListener(proxy);
        }
    }

    void unbindRouteListener(ServiceReference<MulticastRouteListener> ref) {
        if (proxies.remove(ref) instanceof MulticastRouteListener proxy && plane != null) {
            plane.removeRouteListener(proxy);
        }
    }
}
