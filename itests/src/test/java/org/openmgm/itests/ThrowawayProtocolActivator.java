package org.openmgm.itests;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.openmgm.api.InterfaceId;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.testing.RecordingProtocol;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The only class of the throwaway protocol bundles that {@link ThrowawayBundles} builds with
 * TinyBundles: it registers a {@link RecordingProtocol} described by manifest headers (protocol
 * number, component, name and the interfaces to take once attached). Stopping the bundle
 * unregisters the service, which is what the MGM must react to.
 */
public final class ThrowawayProtocolActivator implements BundleActivator {

    static final String PROTOCOL_ID = "OpenMGM-Test-Protocol-Id";
    static final String COMPONENT_ID = "OpenMGM-Test-Component-Id";
    static final String INTERFACES = "OpenMGM-Test-Interfaces";

    @Override
    public void start(BundleContext context) {
        String interfaces = context.getBundle().getHeaders().get(INTERFACES);
        List<InterfaceId> toTake = new ArrayList<>();
        if (interfaces != null && !interfaces.isBlank()) {
            for (String part : interfaces.split(",")) {
                toTake.add(InterfaceId.parse(part));
            }
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(MulticastRoutingProtocol.PROTOCOL_ID, Integer.valueOf(context.getBundle().getHeaders().get(PROTOCOL_ID)));
        props.put(MulticastRoutingProtocol.COMPONENT_ID,
                Integer.valueOf(context.getBundle().getHeaders().get(COMPONENT_ID)));
        props.put(MulticastRoutingProtocol.PROTOCOL_NAME, context.getBundle().getSymbolicName());
        context.registerService(MulticastRoutingProtocol.class,
                RecordingProtocol.taking(toTake.toArray(InterfaceId[]::new)), props);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service.
    }
}
