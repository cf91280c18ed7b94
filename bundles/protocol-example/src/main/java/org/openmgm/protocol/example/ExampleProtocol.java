package org.openmgm.protocol.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.MgmProtocol;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest useful routing protocol: it takes the interfaces named in its configuration
 * ({@code etc/org.openmgm.protocol.example.cfg}, key {@code interfaces}, e.g. {@code
 * interfaces=7,8}) and logs every callback the MGM delivers.
 *
 * <p>Publishing this class as a {@link MulticastRoutingProtocol} service is all it takes to
 * register with the MGM; the MGM hands over the registration in {@link #attached}. When the
 * bundle stops, the MGM releases the interfaces on its behalf. A configuration change restarts
 * the component (DS), which re-registers it with the new interfaces.
 */
@Component(service = MulticastRoutingProtocol.class, configurationPid = "org.openmgm.protocol.example")
@MgmProtocol(id = 1000, name = "example")
public final class ExampleProtocol implements MulticastRoutingProtocol {

    private static final Logger log = LoggerFactory.getLogger(ExampleProtocol.class);

    private final List<InterfaceId> interfaces = new ArrayList<>();

    /**
     * Reads the interfaces to take.
     *
     * @param config the component configuration
     */
    @Activate
    public ExampleProtocol(Map<String, Object> config) {
        Object raw = config.getOrDefault("interfaces", "");
        for (String part : raw.toString().split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                interfaces.add(InterfaceId.parse(part));
            } catch (MgmException e) {
                log.error("Invalid configuration org.openmgm.protocol.example: interfaces {}", e.getMessage());
            }
        }
    }

    @Override
    public void attached(ProtocolRegistration registration) {
        log.info("example protocol {} registered; taking {}", registration.id(), interfaces);
        for (InterfaceId ifId : interfaces) {
            try {
                registration.takeInterface(ifId);
            } catch (MgmException e) {
                log.warn("example protocol cannot take {}: {}", ifId, e.getMessage());
            }
        }
    }

    @Override
    public void detached(ProtocolRegistration registration) {
        log.info("example protocol {} deregistered", registration.id());
    }
}
