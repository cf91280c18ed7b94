package org.openmgm.protocol.staticroutes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.MgmProtocol;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.NetworkInterfaceInfo;
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
 * The static routing protocol as a DS component: the routing protocol (number 1010, name {@code
 * static}), part of the multicast view (ranked 100, above the plane's unicast table), and a
 * listener of the plane's interfaces (routes name interfaces; one that appears is used).
 * Configuration PID {@value #PID}:
 * <ul>
 *   <li>{@code file}: an smcroute configuration file ({@code mroute from ... to ...} lines),
 *       relative to the router's {@code etc/}; read at start and within half a second of a change;</li>
 *   <li>{@code interfaces.target}: which plane's interfaces to use, e.g. {@code
 *       (mgm.plane=linux)}.</li>
 * </ul>
 * Routes can also come one per factory configuration of {@value StaticRouteComponent#PID}. All
 * work runs on one thread, {@code mgm-static}: configuration threads only hand it over.
 */
@Component(service = {MulticastRoutingProtocol.class, MulticastRouteLookup.class, InterfaceListener.class,
        StaticRoutingComponent.class}, configurationPid = StaticRoutingComponent.PID,
        property = "service.ranking:Integer=100")
@MgmProtocol(id = 1010, name = "static")
public final class StaticRoutingComponent extends StaticRouting implements InterfaceListener {

    /** The configuration PID. */
    public static final String PID = "org.openmgm.protocol.static";
    private static final Logger log = LoggerFactory.getLogger(StaticRoutingComponent.class);
    private static final String FILE_SOURCE = "file";
    /** How often the routes file's modification time is looked at (a stat: cheap; as FileInstall's deploy/). */
    private static final long FILE_POLL_MILLIS = 500;

    private final ScheduledThreadPoolExecutor worker;
    private final ComponentContext context;
    private final ListenerFanOut fanOut;
    private final Map<ServiceReference<?>, Boolean> listeners = new ConcurrentHashMap<>();
    private volatile Path file;
    private FileTime fileSeen;
    private ScheduledFuture<?> watch;

    /**
     * Starts the protocol.
     *
     * @param context the component context (the router's home, the route listeners)
     * @param directory the plane's interfaces, to resolve names
     * @param props the configuration
     */
    @Activate
    public StaticRoutingComponent(ComponentContext context,
                                  @Reference(name = "interfaces") InterfaceDirectory directory,
                                  Map<String, Object> props) {
        this(context, directory, newWorker(), new ListenerFanOut());
        fanOut.owner = this;
        configure(props);
    }

    private StaticRoutingComponent(ComponentContext context, InterfaceDirectory directory,
                                   ScheduledThreadPoolExecutor worker, ListenerFanOut fanOut) {
        super(name -> resolve(directory, name), fanOut);
        this.context = context;
        this.worker = worker;
        this.fanOut = fanOut;
    }

    private static ScheduledThreadPoolExecutor newWorker() {
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mgm-static");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        return w;
    }

    /** An interface as configured: a name the plane knows, or an index. */
    static Optional<InterfaceId> resolve(InterfaceDirectory directory, String name) {
        Optional<NetworkInterfaceInfo> byName = directory.byName(name);
        if (byName.isPresent()) {
            return byName.map(NetworkInterfaceInfo::id);
        }
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(InterfaceId.parse(name));
            } catch (MgmException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Modified
    void modified(Map<String, Object> props) {
        configure(props);
    }

    private void configure(Map<String, Object> props) {
        Object raw = props.get("file");
        Path home = Path.of(Optional.ofNullable(context.getBundleContext().getProperty("openmgm.home")).orElse("."));
        Path newFile = raw == null || raw.toString().isBlank() ? null : home.resolve("etc").resolve(raw.toString().strip());
        worker.execute(() -> {
            file = newFile;
            fileSeen = null;
            if (watch != null) {
                watch.cancel(false);
            }
            if (newFile == null) {
                super.setRoutes(FILE_SOURCE, List.of());
            } else {
                watch = worker.scheduleWithFixedDelay(this::readFileIfChanged, 0, FILE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void readFileIfChanged() {
        Path f = file;
        try {
            FileTime t = Files.getLastModifiedTime(f);
            if (t.equals(fileSeen)) {
                return;
            }
            fileSeen = t;
            RouteParser.Result result = RouteParser.fromSmcroute(Files.readAllLines(f, StandardCharsets.UTF_8),
                    f.toString());
            result.problems().forEach(p -> log.error("Invalid static route configuration: {}; the rest applies", p));
            log.info("static routes: read {} routes from {}", result.routes().size(), f);
            super.setRoutes(FILE_SOURCE, result.routes());
        } catch (IOException e) {
            if (fileSeen != null || !(e instanceof java.nio.file.NoSuchFileException)) {
                log.error("Invalid configuration {}: file = '{}' cannot be read: {}", PID, f, e.toString());
            } else {
                log.error("Invalid configuration {}: file = '{}' does not exist", PID, f);
            }
            fileSeen = FileTime.fromMillis(0);
        } catch (RuntimeException e) {
            log.error("Applying {} failed", f, e);
        }
    }

    /**
     * Hands a configuration source's routes to the worker thread.
     *
     * @param source the configuration source
     * @param routes its routes
     */
    @Override
    public void setRoutes(String source, List<StaticRoute> routes) {
        worker.execute(() -> super.setRoutes(source, routes));
    }

    @Override
    public void attached(ProtocolRegistration registration) {
        worker.execute(() -> super.attached(registration));    // the routes are applied off the MGM's thread
    }

    @Override
    public void interfaceChanged(NetworkInterfaceInfo current) {
        worker.execute(super::interfacesChanged);
    }

    @Override
    public void interfaceRemoved(NetworkInterfaceInfo last) {
        worker.execute(super::interfacesChanged);
    }

    /*
     * The route listener whiteboard (the MGM) binds references, looked up when a route changes:
     * the MGM binds this protocol, so getting its service while this component activates would be
     * a cycle.
     */
    @Reference(name = "routeListener", service = MulticastRouteListener.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRouteListener(ServiceReference<MulticastRouteListener> ref) {
        listeners.put(ref, Boolean.TRUE);
    }

    void unbindRouteListener(ServiceReference<MulticastRouteListener> ref) {
        listeners.remove(ref);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Tells every route listener; bound before the owner exists, so it finds the owner later. */
    private static final class ListenerFanOut implements MulticastRouteListener {
        volatile StaticRoutingComponent owner;

        @Override
        public void routesChanged(Prefix prefix) {
            routesChanged(prefix, Prefix.ANY_V4);
        }

        @Override
        public void routesChanged(Prefix sources, Prefix groups) {
            StaticRoutingComponent o = owner;
            if (o == null) {
                return;
            }
            for (ServiceReference<?> ref : o.listeners.keySet()) {
                @SuppressWarnings("unchecked")
                MulticastRouteListener l = o.context.locateService("routeListener",
                        (ServiceReference<MulticastRouteListener>) ref);
                if (l != null) {
                    l.routesChanged(sources, groups);
                }
            }
        }
    }
}
