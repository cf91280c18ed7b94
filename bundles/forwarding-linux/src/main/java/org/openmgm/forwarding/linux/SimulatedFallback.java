package org.openmgm.forwarding.linux;

import java.net.InetAddress;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fallback = simulated}: when the kernel plane cannot start, the simulated plane serves
 * under the Linux plane's name. While a simulated plane service ({@code mgm.plane=sim}) exists,
 * this object — delegating every call to it — is registered as {@link ForwardingPlane}, {@link
 * IgmpPacketIo}, {@link InterfaceDirectory} and {@link HostMembership} with {@code mgm.plane=linux} and {@code
 * mgm.plane.fallback=sim}. So the MGM and the IGMP router, configured for {@code
 * (mgm.plane=linux)}, run unchanged, and no configuration is rewritten (nothing persists into
 * the next start: with privilege, the kernel plane is back). The simulated plane's own route
 * lookup and interface events reach the MGM and IGMP directly, as its services are whiteboard
 * participants anyway. Nothing is forwarded on real interfaces; the log says so on every start.
 */
final class SimulatedFallback implements ForwardingPlane, IgmpPacketIo, InterfaceDirectory, HostMembership {

    /** Service property marking the fallback registration. */
    static final String FALLBACK = "mgm.plane.fallback";
    private static final Logger log = LoggerFactory.getLogger(SimulatedFallback.class);

    private final BundleContext bundleContext;
    private final ServiceTracker<ForwardingPlane, ForwardingPlane> tracker;
    private volatile Object simulated;
    private ServiceRegistration<?> registration;

    /**
     * Prepares the fallback; {@link #open} starts it.
     *
     * @param bundleContext this bundle's context
     */
    SimulatedFallback(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
        this.tracker = new ServiceTracker<>(bundleContext, filter(bundleContext), null) {
            @Override
            public ForwardingPlane addingService(ServiceReference<ForwardingPlane> ref) {
                ForwardingPlane plane = super.addingService(ref);
                serve(plane);
                return plane;
            }

            @Override
            public void removedService(ServiceReference<ForwardingPlane> ref, ForwardingPlane plane) {
                withdraw(plane);
                super.removedService(ref, plane);
            }
        };
    }

    private static org.osgi.framework.Filter filter(BundleContext bc) {
        try {
            return bc.createFilter("(&(objectClass=" + ForwardingPlane.class.getName() + ")(" + ForwardingPlane.NAME + "=sim))");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts following the simulated plane. */
    void start() {
        tracker.open();
        if (simulated == null) {
            log.info("Waiting for the simulated plane (bundle org.openmgm.forwarding-sim) to serve mgm.plane=linux");
        }
    }

    /** Withdraws the fallback. */
    void stop() {
        tracker.close();
    }

    private synchronized void serve(ForwardingPlane plane) {
        if (registration != null || !(plane instanceof IgmpPacketIo) || !(plane instanceof InterfaceDirectory)
                || !(plane instanceof HostMembership)) {
            return;
        }
        simulated = plane;
        log.warn("The SIMULATED plane now serves mgm.plane=linux (fallback = simulated): nothing will be forwarded"
                + " on real interfaces");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ForwardingPlane.NAME, "linux");
        props.put(FALLBACK, "sim");
        registration = bundleContext.registerService(new String[] {ForwardingPlane.class.getName(),
            IgmpPacketIo.class.getName(), InterfaceDirectory.class.getName(), HostMembership.class.getName()}, this,
            props);
    }

    private synchronized void withdraw(ForwardingPlane plane) {
        if (plane != simulated) {
            return;
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
        simulated = null;
    }

    private <T> T current(Class<T> type) {
        Object s = simulated;
        if (s == null) {
            throw new IllegalStateException("the simulated plane behind the Linux plane's fallback is gone");
        }
        return type.cast(s);
    }

    @Override
    public void open(ForwardingUpcalls upcalls) {
        current(ForwardingPlane.class).open(upcalls);
    }

    @Override
    public void close() {
        Object s = simulated;
        if (s != null) {
            ((ForwardingPlane) s).close();
        }
    }

    @Override
    public void addInterface(InterfaceId ifId) {
        current(ForwardingPlane.class).addInterface(ifId);
    }

    @Override
    public void removeInterface(InterfaceId ifId) {
        current(ForwardingPlane.class).removeInterface(ifId);
    }

    @Override
    public void install(ForwardingEntry entry) {
        current(ForwardingPlane.class).install(entry);
    }

    @Override
    public void remove(InetAddress source, InetAddress group) {
        current(ForwardingPlane.class).remove(source, group);
    }

    @Override
    public Optional<MfeCounters> counters(InetAddress source, InetAddress group) {
        return current(ForwardingPlane.class).counters(source, group);
    }

    @Override
    public void startReceiving(Consumer<IgmpPacket> receiver) {
        current(IgmpPacketIo.class).startReceiving(receiver);
    }

    @Override
    public void stopReceiving() {
        Object s = simulated;
        if (s != null) {
            ((IgmpPacketIo) s).stopReceiving();
        }
    }

    @Override
    public void enable(InterfaceId ifId) {
        current(IgmpPacketIo.class).enable(ifId);
    }

    @Override
    public void disable(InterfaceId ifId) {
        current(IgmpPacketIo.class).disable(ifId);
    }

    @Override
    public void send(InterfaceId ifId, InetAddress destination, byte[] message) {
        current(IgmpPacketIo.class).send(ifId, destination, message);
    }

    @Override
    public List<NetworkInterfaceInfo> interfaces() {
        return current(InterfaceDirectory.class).interfaces();
    }

    @Override
    public Optional<NetworkInterfaceInfo> byName(String name) {
        return current(InterfaceDirectory.class).byName(name);
    }

    @Override
    public Optional<NetworkInterfaceInfo> byId(InterfaceId id) {
        return current(InterfaceDirectory.class).byId(id);
    }

    @Override
    public void setFilter(InterfaceId ifId, InetAddress group, FilterMode mode, Set<InetAddress> sources) {
        current(HostMembership.class).setFilter(ifId, group, mode, sources);
    }

    @Override
    public Map<InetAddress, IgmpGroup> filters(InterfaceId ifId) {
        return current(HostMembership.class).filters(ifId);
    }

    @Override
    public String toString() {
        return "simulated plane standing in for the Linux plane (fallback = simulated; nothing is forwarded on real"
                + " interfaces)";
    }
}
