package org.openmgm.core.impl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.MgmException;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.RegisteredProtocol;
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
 * The MGM as a DS component: publishes {@link MulticastGroupService} and consumes the {@link
 * MulticastRoutingProtocol} whiteboard. Binding a protocol service registers the protocol (spec
 * §3.1); unbinding it — its bundle stopped, updated or uninstalled — releases everything it held
 * and deregisters it (spec §5.13). Configuration PID {@value MgmSettings#PID}.
 */
@Component(service = MulticastGroupService.class, configurationPid = MgmSettings.PID, immediate = true)
public final class MgmComponent implements MulticastGroupService {

    private static final Logger log = LoggerFactory.getLogger(MgmComponent.class);

    private final MulticastGroupManager mgm;
    private final Map<Long, Registration> registrations = new ConcurrentHashMap<>();
    private volatile MgmSettings settings;

    /**
     * Activates the MGM with its configuration.
     *
     * @param props the component properties (configuration PID {@value MgmSettings#PID})
     */
    @Activate
    public MgmComponent(Map<String, Object> props) {
        settings = MgmSettings.from(props, MgmSettings.DEFAULTS, MgmComponent::reportConfigError);
        mgm = new MulticastGroupManager(settings);
        log.info("Started");
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
        log.info("Stopped");
    }

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

    private static int intProperty(ServiceReference<?> ref, String key, Integer fallback) {
        Object raw = ref.getProperty(key);
        if (raw == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("service property " + key + " is missing");
            }
            return fallback;
        }
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).intValue();
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
}
