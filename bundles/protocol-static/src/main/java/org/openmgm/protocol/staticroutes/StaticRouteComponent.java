package org.openmgm.protocol.staticroutes;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One static route per factory configuration of {@value #PID}, e.g. the file {@code
 * etc/org.openmgm.protocol.static.route-video.cfg} with {@code from = eth0}, {@code group =
 * 239.1.1.1}, {@code source = 10.0.0.5} (optional), {@code to = eth1, eth2}. A bad value is
 * reported with its key and value and the route is left out; the other routes apply.
 */
@Component(configurationPid = StaticRouteComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class StaticRouteComponent {

    /** The factory PID: one configuration per route. */
    public static final String PID = "org.openmgm.protocol.static.route";
    private static final Logger log = LoggerFactory.getLogger(StaticRouteComponent.class);

    private final StaticRoutingComponent routing;
    private final String source;

    /**
     * Applies the route.
     *
     * @param routing the static routing protocol
     * @param props the route's configuration
     */
    @Activate
    public StaticRouteComponent(@Reference StaticRoutingComponent routing, Map<String, Object> props) {
        this.routing = routing;
        this.source = String.valueOf(props.getOrDefault("service.pid", props.get("component.id")));
        apply(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        apply(props);
    }

    private void apply(Map<String, Object> props) {
        RouteParser.Result r = RouteParser.fromConfig(props, "route " + source);
        r.problems().forEach(p -> log.error("Invalid configuration {}; the route is left out", p));
        routing.setRoutes(source, r.routes());
    }

    @Deactivate
    void deactivate() {
        routing.setRoutes(source, List.of());
    }
}
