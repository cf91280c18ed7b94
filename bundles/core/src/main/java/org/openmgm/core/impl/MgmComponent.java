package org.openmgm.core.impl;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openmgm.api.CallbackRecord;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.Membership;
import org.openmgm.api.Mfe;
import org.openmgm.api.MfeStatistics;
import org.openmgm.api.MgmException;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MGM as a DS component: publishes {@link MulticastGroupService} (and the {@link
 * MulticastRouteListener} route providers notify), drives one {@link ForwardingPlane} (choose it
 * with the configuration property {@code forwardingPlane.target}, e.g. {@code (mgm.plane=sim)}),
 * asks every {@link MulticastRouteLookup} by ranking, and consumes the {@link
 * MulticastRoutingProtocol} whiteboard. Binding a protocol service registers the protocol (spec
 * §3.1); unbinding it — its bundle stopped, updated or uninstalled — releases everything it held
 * and deregisters it (spec §5.13). Configuration PID {@value MgmSettings#PID}.
 */
@Component(service = {MulticastGroupService.class, MulticastRouteListener.class},
        configurationPid = MgmSettings.PID, immediate = true)
public final class MgmComponent implements MulticastGroupService, MulticastRouteListener {

    private static final Logger log = LoggerFactory.getLogger(MgmComponent.class);

    private final MulticastGroupManager mgm;
    private final RouteLookups routes = new RouteLookups();
    private final Map<Long, Registration> registrations = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor events;
    private final ScheduledThreadPoolExecutor watchdogTimer;
    private volatile MgmSettings settings;

    /**
     * Activates the MGM.
     *
     * @param plane the forwarding plane (target filter {@code forwardingPlane.target})
     * @param props the component properties (configuration PID {@value MgmSettings#PID})
     */
    @Activate
    public MgmComponent(@Reference(name = "forwardingPlane") ForwardingPlane plane, Map<String, Object> props) {
        settings = MgmSettings.from(props, MgmSettings.DEFAULTS, MgmComponent::reportConfigError);
        events = new ScheduledThreadPoolExecutor(1, named(MulticastGroupManager.EVENT_THREAD_PREFIX));
        events.setRemoveOnCancelPolicy(true);
        watchdogTimer = new ScheduledThreadPoolExecutor(1, named("mgm-core-watchdog-"));
        mgm = new MulticastGroupManager(settings, plane, routes, events, Clock.systemUTC());
        mgm.start();
        long every = Math.max(50, settings.stallCallbackMillis() / 4);
        watchdogTimer.scheduleWithFixedDelay(() -> mgm.watchdog().check(System.nanoTime()), every, every,
                TimeUnit.MILLISECONDS);
        log.info("Started (forwarding plane {})", plane);
    }

    @Modified
    void modified(Map<String, Object> props) {
        settings = MgmSettings.from(props, settings, MgmComponent::reportConfigError);
        mgm.updateSettings(settings);
    }

    @Deactivate
    void deactivate() {
        mgm.stop();
        registrations.clear();
        events.shutdownNow();
        watchdogTimer.shutdownNow();
        log.info("Stopped");
    }

    // ---------------------------------------------------------------- whiteboards

    @Reference(service = MulticastRoutingProtocol.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindProtocol(MulticastRoutingProtocol protocol, ServiceReference<MulticastRoutingProtocol> ref) {
        String bundle = ref.getBundle() == null ? "-" : ref.getBundle().getSymbolicName();
        Object serviceId = ref.getProperty(Constants.SERVICE_ID);
        ProtocolId id;
        try {
            id = ProtocolId.of(intProperty(ref, MulticastRoutingProtocol.PROTOCOL_ID, null),
                    intProperty(ref, MulticastRoutingProtocol.COMPONENT_ID, 0));
        } catch (IllegalArgumentException e) {
            log.error("Refused routing protocol service {} from bundle {}: {}", serviceId, bundle, e.getMessage());
            return;
        }
        Object nameProperty = ref.getProperty(MulticastRoutingProtocol.PROTOCOL_NAME);
        String name = nameProperty == null ? "protocol-" + id.protocol() : nameProperty.toString();
        try {
            Registration registration = (Registration) mgm.register(id, name, bundle, protocol);
            registrations.put((Long) serviceId, registration);
        } catch (MgmException e) {
            log.error("Refused routing protocol {} ({}) from bundle {}: {}", name, id, bundle, e.getMessage());
        }
    }

    void unbindProtocol(ServiceReference<MulticastRoutingProtocol> ref) {
        Registration registration = registrations.remove((Long) ref.getProperty(Constants.SERVICE_ID));
        if (registration != null) {
            mgm.depart(registration.client());
        }
    }

    @Reference(service = MulticastRouteLookup.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRouteLookup(MulticastRouteLookup lookup, Map<String, Object> props) {
        Object ranking = props.get(Constants.SERVICE_RANKING);
        routes.add(lookup, ranking instanceof Integer i ? i : 0);
    }

    void unbindRouteLookup(MulticastRouteLookup lookup) {
        routes.remove(lookup);
    }

    @Override
    public void routesChanged(Prefix prefix) {
        mgm.routeListener().routesChanged(prefix);
    }

    @Override
    public void routesChanged(Prefix sources, Prefix groups) {
        mgm.routeListener().routesChanged(sources, groups);
    }

    private static int intProperty(ServiceReference<?> ref, String key, Integer fallback) {
        Object raw = ref.getProperty(key);
        if (raw == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("service property " + key + " is missing");
            }
            return fallback;
        }
        try {
            long value = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("service property " + key + " = '" + raw + "' is not an integer");
        }
    }

    private static void reportConfigError(String key, String problem) {
        log.error("Invalid configuration {}: {} {}", MgmSettings.PID, key, problem);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- MulticastGroupService

    @Override
    public Optional<ProtocolId> protocolOnInterface(InterfaceId ifId) {
        return mgm.protocolOnInterface(ifId);
    }

    @Override
    public Optional<InterfaceOwnership> interfaceOwnership(InterfaceId ifId) {
        return mgm.interfaceOwnership(ifId);
    }

    @Override
    public List<InterfaceOwnership> interfaces() {
        return mgm.interfaces();
    }

    @Override
    public List<RegisteredProtocol> protocols() {
        return mgm.protocols();
    }

    @Override
    public Optional<RegisteredProtocol> protocol(ProtocolId id) {
        return mgm.protocol(id);
    }

    @Override
    public List<CallbackRecord> recentCallbacks(int maxEntries) {
        return mgm.recentCallbacks(maxEntries);
    }

    @Override
    public List<Membership> memberships() {
        return mgm.memberships();
    }

    @Override
    public Optional<Mfe> mfe(InetAddress source, InetAddress group) {
        return mgm.mfe(source, group);
    }

    @Override
    public List<Mfe> mfes(SourceGroup after, int maxEntries) {
        return mgm.mfes(after, maxEntries);
    }

    @Override
    public Optional<MfeStatistics> mfeStatistics(InetAddress source, InetAddress group) {
        return mgm.mfeStatistics(source, group);
    }

    @Override
    public List<MfeStatistics> mfeStatistics(SourceGroup after, int maxEntries) {
        return mgm.mfeStatistics(after, maxEntries);
    }
}
