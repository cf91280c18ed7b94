package org.openmgm.testing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.testing.RecordingProtocol;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordingProtocol} per factory configuration {@code org.openmgm.testing.recording~NAME},
 * so that tests and demos can deploy protocols without writing code. Configuration keys: {@code
 * mgm.protocol.id} (mandatory), {@code mgm.protocol.component}, {@code mgm.protocol.name} (these
 * become the service properties) and {@code interfaces}, a comma-separated list of interface
 * indices taken on attach.
 */
@Component(service = MulticastRoutingProtocol.class, configurationPid = "org.openmgm.testing.recording",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class RecordingProtocolComponent extends RecordingProtocol {

    private static final Logger log = LoggerFactory.getLogger(RecordingProtocolComponent.class);

    /**
     * Creates the protocol from its configuration.
     *
     * @param props the configuration
     */
    @Activate
    public RecordingProtocolComponent(Map<String, Object> props) {
        super(takeAll(parseInterfaces(props.get("interfaces"))));
    }

    /** Records and logs each callback, so that tests outside the process can follow them in the log. */
    @Override
    protected void record(org.openmgm.testing.ProtocolEvent event) {
        super.record(event);
        log.info("recording protocol {}: {}", registration().map(ProtocolRegistration::id).orElse(null), event);
    }

    private static java.util.function.Consumer<ProtocolRegistration> takeAll(List<InterfaceId> interfaces) {
        return registration -> {
            for (InterfaceId ifId : interfaces) {
                try {
                    registration.takeInterface(ifId);
                } catch (MgmException e) {
                    log.warn("Recording protocol {} could not take {}: {}", registration.id(), ifId, e.getMessage());
                }
            }
        };
    }

    private static List<InterfaceId> parseInterfaces(Object raw) {
        List<InterfaceId> result = new ArrayList<>();
        if (raw == null) {
            return result;
        }
        for (String part : raw.toString().replaceAll("[\\[\\]]", "").split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                result.add(InterfaceId.parse(part));
            } catch (MgmException e) {
                log.error("Invalid configuration org.openmgm.testing.recording: interfaces {}; ignored", e.getMessage());
            }
        }
        return result;
    }
}
