package org.openmgm.igmp.impl.glue;

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
 * One factory configuration of {@value IgmpInterfaceSettings#PID}: IGMP on one interface, e.g.
 * the file {@code etc/org.openmgm.igmp-eth1.cfg} with {@code interface = eth1}. A configuration
 * with a bad value is refused with the key and the value named; the interface keeps its last good
 * configuration, or does not start until the configuration is fixed.
 */
@Component(configurationPid = IgmpInterfaceSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class IgmpInterfaceComponent {

    private static final Logger log = LoggerFactory.getLogger(IgmpInterfaceComponent.class);

    private final IgmpRouterComponent router;
    private final Object key;
    private boolean applied;

    /**
     * Applies a new configuration.
     *
     * @param router the IGMP router
     * @param props the configuration
     */
    @Activate
    public IgmpInterfaceComponent(@Reference IgmpRouterComponent router, Map<String, Object> props) {
        this.router = router;
        this.key = props.getOrDefault("service.pid", props.get("component.id"));
        apply(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        apply(props);
    }

    private void apply(Map<String, Object> props) {
        IgmpInterfaceSettings.Parsed parsed = IgmpInterfaceSettings.parse(props);
        if (parsed.valid()) {
            router.configure(key, parsed.settings());
            applied = true;
            return;
        }
        for (IgmpInterfaceSettings.Problem p : parsed.problems()) {
            log.error("Invalid configuration {} (interface {}): {}; {}", key, props.get("interface"), p,
                    applied ? "the interface keeps its last good configuration" : "IGMP does not start there");
        }
    }

    @Deactivate
    void deactivate() {
        router.unconfigure(key);
    }
}
