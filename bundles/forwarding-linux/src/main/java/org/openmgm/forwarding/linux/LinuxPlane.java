package org.openmgm.forwarding.linux;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.openmgm.forwarding.linux.host.KernelHostMembership;
import org.openmgm.forwarding.linux.mroute.KernelForwarding;
import org.openmgm.forwarding.linux.mroute.KernelIgmpIo;
import org.openmgm.forwarding.linux.mroute.KernelMulticast;
import org.openmgm.forwarding.linux.netlink.LinkTable;
import org.openmgm.forwarding.linux.netlink.NetlinkMonitor;
import org.openmgm.forwarding.linux.netlink.RouteTable;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.ForwardingUpcalls;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.MulticastRouteListener;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.ReversePath;

/**
 * The Linux kernel as OpenMGM's forwarding plane: one object that is the {@link ForwardingPlane},
 * the {@link IgmpPacketIo}, the {@link InterfaceDirectory}, the {@link MulticastRouteLookup} and
 * the {@link HostMembership}, plain Java ({@link LinuxPlaneComponent} publishes it).
 *
 * <h2>How it is built</h2>
 * <ul>
 *   <li>{@code mroute.MrouteSocket}: the raw IGMP socket that owns the multicast routing table
 *       (MRT_TABLE, MRT_INIT, MRT_FLUSH at start and stop), VIFs, MFC entries, counters, and IGMP
 *       sending (TTL 1, Router Alert, no loopback);</li>
 *   <li>{@code mroute.KernelForwarding}: the forwarding plane over it (lazy VIFs, entries,
 *       upcalls); {@code mroute.KernelIgmpIo}: IGMP receive and send;
 *       {@code mroute.SocketReader}: the thread {@code mgm-linux-mroute} that reads the socket and
 *       splits upcalls from IGMP by byte 9;</li>
 *   <li>{@code netlink.LinkTable} and {@code netlink.RouteTable}: interfaces and the unicast table
 *       for RPF, loaded by rtnetlink dumps and kept current by the thread {@code mgm-linux-netlink}
 *       ({@code netlink.NetlinkMonitor});</li>
 *   <li>{@code host.KernelHostMembership}: the router's own group memberships (an IGMP proxy's
 *       upstream side) through the kernel's host stack;</li>
 *   <li>{@code sys}: the FFM downcalls, C structures and errno.</li>
 * </ul>
 *
 * <h2>Threads and namespaces</h2>
 * Sockets and threads are made by {@link #start} on the calling thread, so the plane lives in that
 * thread's network namespace (tests start it on a thread that entered a test namespace). Upcalls
 * and received IGMP are delivered on {@code mgm-linux-mroute}; interface and route events on
 * {@code mgm-linux-netlink}; both only hand over and return. The service methods are thread-safe.
 */
public final class LinuxPlane implements ForwardingPlane, IgmpPacketIo, InterfaceDirectory, MulticastRouteLookup,
        HostMembership {

    private final LinuxPlaneSettings settings;
    private final KernelMulticast kernel;
    private final LinkTable links;
    private final RouteTable routes;
    private final NetlinkMonitor monitor;
    private final KernelHostMembership host;

    private LinuxPlane(LinuxPlaneSettings settings, KernelMulticast kernel, LinkTable links, RouteTable routes,
                       NetlinkMonitor monitor, KernelHostMembership host) {
        this.settings = settings;
        this.kernel = kernel;
        this.links = links;
        this.routes = routes;
        this.monitor = monitor;
        this.host = host;
        links.addListener(new InterfaceListener() {
            @Override
            public void interfaceChanged(NetworkInterfaceInfo current) {
                // memberships follow the interface's index; nothing to do until it goes
            }

            @Override
            public void interfaceRemoved(NetworkInterfaceInfo last) {
                host.interfaceRemoved(last.id().ifIndex());
            }
        });
    }

    /**
     * Takes the kernel's multicast routing table and starts following interfaces and routes.
     *
     * @param settings the configuration
     * @return the running plane
     * @throws PlaneUnavailableException with an explanation for the operator when it cannot start
     *     here (not Linux, no privilege, table owned by another router, ...); nothing is left open
     */
    public static LinuxPlane start(LinuxPlaneSettings settings) throws PlaneUnavailableException {
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            throw new PlaneUnavailableException(StartupProblems.notLinux(os), null);
        }
        LinkTable links = new LinkTable();
        RouteTable routes = new RouteTable(settings.unicastTable());
        KernelMulticast kernel = null;
        KernelHostMembership host = null;
        try {
            kernel = KernelMulticast.open(settings.table(), settings.allWrongInterfaces(), settings.ttlThreshold(),
                    links::describe, new KernelIgmpIo.Addresses() {
                        @Override
                        public int primary(int ifIndex) {
                            return links.primaryAddress(ifIndex);
                        }

                        @Override
                        public boolean isOwn(int ifIndex, int address) {
                            return links.isOwnAddress(ifIndex, address);
                        }
                    }, "mgm-linux-mroute");
            host = new KernelHostMembership(ifIndex -> links.byId(InterfaceId.of(ifIndex)).isPresent());
            NetlinkMonitor monitor = NetlinkMonitor.open(links, routes, "mgm-linux-netlink");
            kernel.start();
            monitor.start();
            return new LinuxPlane(settings, kernel, links, routes, monitor, host);
        } catch (RuntimeException | LinkageError e) {
            if (host != null) {
                host.close();
            }
            if (kernel != null) {
                kernel.shutdown();
            }
            throw new PlaneUnavailableException(StartupProblems.explain(e, settings), e);
        }
    }

    /**
     * Stops everything: the threads end, every VIF and entry is withdrawn (MRT_FLUSH), the table is
     * given up (MRT_DONE) and every socket closed. Idempotent.
     */
    public void shutdown() {
        try {
            monitor.stop();
        } finally {
            try {
                host.close();                   // the kernel leaves this router's groups
            } finally {
                kernel.shutdown();
            }
        }
    }

    /**
     * Returns the configuration it runs with.
     *
     * @return the settings
     */
    public LinuxPlaneSettings settings() {
        return settings;
    }

    /**
     * Returns the forwarding side, for VIF counters and diagnostics.
     *
     * @return the kernel forwarding plane
     */
    public KernelForwarding forwarding() {
        return kernel.forwarding();
    }

    /**
     * Tells whether the kernel reports every wrong-interface packet (MRT_PIM was accepted).
     *
     * @return {@code true} with MRT_PIM
     */
    public boolean reportsAllWrongInterfaces() {
        return kernel.socket().reportsAllWrongInterfaces();
    }

    /**
     * Adds an interface listener (plain-Java use; the component binds the whiteboard).
     *
     * @param l the listener
     */
    public void addInterfaceListener(InterfaceListener l) {
        links.addListener(l);
    }

    /**
     * Removes an interface listener.
     *
     * @param l the listener
     */
    public void removeInterfaceListener(InterfaceListener l) {
        links.removeListener(l);
    }

    /**
     * Adds a route listener (plain-Java use; the component binds the whiteboard).
     *
     * @param l the listener
     */
    public void addRouteListener(MulticastRouteListener l) {
        routes.addListener(l);
    }

    /**
     * Removes a route listener.
     *
     * @param l the listener
     */
    public void removeRouteListener(MulticastRouteListener l) {
        routes.removeListener(l);
    }

    // ---------------------------------------------------------------- ForwardingPlane

    @Override
    public void open(ForwardingUpcalls upcalls) {
        kernel.forwarding().open(upcalls);
    }

    @Override
    public void close() {
        kernel.forwarding().close();
    }

    @Override
    public void addInterface(InterfaceId ifId) {
        kernel.forwarding().addInterface(ifId);
    }

    @Override
    public void removeInterface(InterfaceId ifId) {
        kernel.forwarding().removeInterface(ifId);
    }

    @Override
    public void install(ForwardingEntry entry) {
        kernel.forwarding().install(entry);
    }

    @Override
    public void remove(InetAddress source, InetAddress group) {
        kernel.forwarding().remove(source, group);
    }

    @Override
    public Optional<MfeCounters> counters(InetAddress source, InetAddress group) {
        return kernel.forwarding().counters(source, group);
    }

    /**
     * Reads per-interface counters (SIOCGETVIFCNT).
     *
     * @return per interface with a VIF
     */
    public Map<InterfaceId, KernelForwarding.VifCounters> vifCounters() {
        return kernel.forwarding().vifCounters();
    }

    // ---------------------------------------------------------------- IgmpPacketIo

    @Override
    public void startReceiving(Consumer<IgmpPacket> receiver) {
        kernel.igmp().startReceiving(receiver);
    }

    @Override
    public void stopReceiving() {
        kernel.igmp().stopReceiving();
    }

    @Override
    public void enable(InterfaceId ifId) {
        kernel.igmp().enable(ifId);
    }

    @Override
    public void disable(InterfaceId ifId) {
        kernel.igmp().disable(ifId);
    }

    @Override
    public void send(InterfaceId ifId, InetAddress destination, byte[] message) {
        kernel.igmp().send(ifId, destination, message);
    }

    // ---------------------------------------------------------------- InterfaceDirectory

    @Override
    public List<NetworkInterfaceInfo> interfaces() {
        return links.interfaces();
    }

    @Override
    public Optional<NetworkInterfaceInfo> byName(String name) {
        return links.byName(name);
    }

    @Override
    public Optional<NetworkInterfaceInfo> byId(InterfaceId id) {
        return links.byId(id);
    }

    // ---------------------------------------------------------------- HostMembership

    @Override
    public void setFilter(InterfaceId ifId, InetAddress group, FilterMode mode, Set<InetAddress> sources) {
        host.setFilter(ifId, group, mode, sources);
    }

    @Override
    public Map<InetAddress, IgmpGroup> filters(InterfaceId ifId) {
        return host.filters(ifId);
    }

    // ---------------------------------------------------------------- MulticastRouteLookup

    @Override
    public Optional<ReversePath> lookup(InetAddress source) {
        return routes.lookup(source);
    }

    @Override
    public String toString() {
        return "Linux kernel plane (" + settings.tableName() + ", RPF from unicast table " + settings.unicastTable() + ")";
    }
}
