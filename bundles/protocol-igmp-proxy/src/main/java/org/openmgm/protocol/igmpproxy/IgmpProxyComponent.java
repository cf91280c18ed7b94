package org.openmgm.protocol.igmpproxy;

import java.util.Map;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.MgmProtocol;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IGMP proxy as a DS component (protocol number 1020, name {@code igmp-proxy}), present only
 * while its configuration {@value ProxySettings#PID} exists: {@code upstream} and {@code
 * downstream} interfaces (see {@link ProxySettings}), and optionally {@code interfaces.target} and
 * {@code hostMembership.target} to choose the plane, e.g. {@code (mgm.plane=linux)}. A bad
 * configuration is reported with the key and value and the proxy does not start; a changed one
 * restarts it (the MGM releases what it held and it takes the new interfaces).
 */
@Component(service = {MulticastRoutingProtocol.class, IgmpMembershipListener.class},
        configurationPid = ProxySettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@MgmProtocol(id = 1020, name = "igmp-proxy")
public final class IgmpProxyComponent extends IgmpProxy {

    private static final Logger log = LoggerFactory.getLogger(IgmpProxyComponent.class);

    /**
     * Starts the proxy.
     *
     * @param directory the plane's interfaces
     * @param host the plane's host membership
     * @param props the configuration
     */
    @Activate
    public IgmpProxyComponent(@Reference(name = "interfaces") InterfaceDirectory directory,
                              @Reference(name = "hostMembership") HostMembership host, Map<String, Object> props) {
        super(settings(props), name -> find(directory, name), host);
    }

    private static ProxySettings settings(Map<String, Object> props) {
        ProxySettings.Parsed p = ProxySettings.parse(props);
        if (p.settings() == null) {
            p.problems().forEach(problem -> log.error("Invalid configuration {}: {}", ProxySettings.PID, problem));
            throw new ComponentException("invalid configuration " + ProxySettings.PID + ": " + p.problems());
        }
        return p.settings();
    }

    private static Optional<NetworkInterfaceInfo> find(InterfaceDirectory directory, String name) {
        Optional<NetworkInterfaceInfo> byName = directory.byName(name);
        if (byName.isPresent() || !name.chars().allMatch(Character::isDigit)) {
            return byName;
        }
        try {
            return directory.byId(InterfaceId.parse(name));
        } catch (MgmException e) {
            return Optional.empty();
        }
    }
}
