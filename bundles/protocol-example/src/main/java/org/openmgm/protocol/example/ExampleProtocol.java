package org.openmgm.protocol.example;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.MgmProtocol;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.ReversePath;
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

    // Every other callback: logged, with the default behaviour (keep the proposal, forward on
    // every candidate, the proposed lifetime).

    @Override
    public ReversePath rpf(SourceGroup key, ReversePath proposed, ByteBuffer packetHeader) {
        log.info("example: rpf {} -> incoming {}", key, proposed.incoming());
        return proposed;
    }

    @Override
    public Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming, List<CandidateInterface> candidates) {
        log.info("example: creation alert {} from {}, forwarding on {}", key, incoming,
                candidates.stream().map(CandidateInterface::ifId).toList());
        return null;                                  // keep every candidate
    }

    @Override
    public void deletionAlert(SourceGroup key, InterfaceId incoming, MfeDeletionReason reason) {
        log.info("example: deletion alert {} ({})", key, reason);
    }

    @Override
    public void joinAlert(SourceGroup key, boolean memberUpdate) {
        log.info("example: join alert {}{}", key, memberUpdate ? "" : " (forwarding entry)");
    }

    @Override
    public Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete, Duration proposedLifetime) {
        log.info("example: prune alert {} on {}{}", key, ifId, memberDelete ? "" : " (forwarding entry)");
        return proposedLifetime;
    }

    @Override
    public void wrongInterface(InetAddress source, InetAddress group, InterfaceId arrival, ByteBuffer packetHeader) {
        log.info("example: data from {} to {} arrived on the wrong interface {}", source.getHostAddress(),
                group.getHostAddress(), arrival);
    }

    @Override
    public void localJoin(SourceGroup key, InterfaceId ifId) {
        log.info("example: local join {} on {}", key, ifId);
    }

    @Override
    public void localLeave(SourceGroup key, InterfaceId ifId) {
        log.info("example: local leave {} on {}", key, ifId);
    }
}
