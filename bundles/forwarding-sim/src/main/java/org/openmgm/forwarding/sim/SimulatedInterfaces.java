package org.openmgm.forwarding.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator;

/**
 * The simulated plane's interfaces and IGMP packet I/O: a directory of simulated system
 * interfaces (defined by configuration or by tests), and an IGMP "link" on which tests and demos
 * inject messages and read what the IGMP router sent. Sending records the message; receiving
 * hands injected messages to the IGMP router if it enabled that interface. Thread-safe.
 */
final class SimulatedInterfaces implements IgmpPacketIo, InterfaceDirectory, HostMembership {

    private final Map<InterfaceId, NetworkInterfaceInfo> defined = new ConcurrentHashMap<>();
    private final Set<InterfaceId> igmpEnabled = ConcurrentHashMap.newKeySet();
    private final List<InterfaceListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PacketSimulator.SentIgmp> sent = new ArrayList<>();
    private volatile Consumer<IgmpPacket> receiver;
    private final Map<InterfaceId, Map<InetAddress, IgmpGroup>> hostFilters = new ConcurrentHashMap<>();

    void addListener(InterfaceListener l) {
        listeners.add(l);
    }

    void removeListener(InterfaceListener l) {
        listeners.remove(l);
    }

    void define(NetworkInterfaceInfo info) {
        defined.put(info.id(), info);
        for (InterfaceListener l : listeners) {
            l.interfaceChanged(info);
        }
    }

    boolean undefine(InterfaceId ifId) {
        NetworkInterfaceInfo last = defined.remove(ifId);
        if (last == null) {
            return false;
        }
        igmpEnabled.remove(ifId);
        hostFilters.remove(ifId);
        for (InterfaceListener l : listeners) {
            l.interfaceRemoved(last);
        }
        return true;
    }

    /** Replaces the configured interfaces: removes those no longer defined, (re)defines the rest. */
    void replace(List<NetworkInterfaceInfo> configured) {
        Set<InterfaceId> keep = ConcurrentHashMap.newKeySet();
        configured.forEach(i -> keep.add(i.id()));
        for (InterfaceId id : List.copyOf(defined.keySet())) {
            if (!keep.contains(id)) {
                undefine(id);
            }
        }
        for (NetworkInterfaceInfo info : configured) {
            if (!info.equals(defined.get(info.id()))) {
                define(info);
            }
        }
    }

    boolean inject(IgmpPacket packet) {
        Consumer<IgmpPacket> r = receiver;
        if (r == null || !igmpEnabled.contains(packet.ifId())) {
            return false;
        }
        r.accept(new IgmpPacket(packet.ifId(), packet.source(), packet.destination(), packet.ttl(),
                packet.routerAlert(), packet.payload().asReadOnlyBuffer()));
        return true;
    }

    List<PacketSimulator.SentIgmp> takeSent() {
        synchronized (sent) {
            List<PacketSimulator.SentIgmp> copy = List.copyOf(sent);
            sent.clear();
            return copy;
        }
    }

    // ---------------------------------------------------------------- IgmpPacketIo

    @Override
    public void startReceiving(Consumer<IgmpPacket> r) {
        receiver = r;
    }

    @Override
    public void stopReceiving() {
        receiver = null;
        igmpEnabled.clear();
    }

    @Override
    public void enable(InterfaceId ifId) {
        if (!defined.containsKey(ifId)) {
            throw new IllegalArgumentException("no simulated interface " + ifId);
        }
        igmpEnabled.add(ifId);
    }

    @Override
    public void disable(InterfaceId ifId) {
        igmpEnabled.remove(ifId);
    }

    @Override
    public void send(InterfaceId ifId, InetAddress destination, byte[] message) {
        if (!defined.containsKey(ifId)) {
            throw new IllegalArgumentException("no simulated interface " + ifId);
        }
        synchronized (sent) {
            sent.add(new PacketSimulator.SentIgmp(ifId, destination, message));
        }
    }

    // ---------------------------------------------------------------- HostMembership

    /**
     * Records the filter and, as a host would, sends an IGMPv3 state-change report with the whole
     * new state (a TO_IN or TO_EX record, RFC 3376 §5.1) to 224.0.0.22 on the simulated link.
     */
    @Override
    public void setFilter(InterfaceId ifId, InetAddress group, FilterMode mode, Set<InetAddress> sources) {
        if (!defined.containsKey(ifId)) {
            throw new IllegalArgumentException("no simulated interface " + ifId);
        }
        IgmpGroup state = new IgmpGroup(group, mode, sources, 3);
        Map<InetAddress, IgmpGroup> filters = hostFilters.computeIfAbsent(ifId, k -> new ConcurrentHashMap<>());
        IgmpGroup before = state.isJoined() ? filters.put(group, state) : filters.remove(group);
        if (before == null && !state.isJoined() || state.equals(before)) {
            return;
        }
        send(ifId, ALL_IGMPV3_ROUTERS, stateChangeReport(state));
    }

    @Override
    public Map<InetAddress, IgmpGroup> filters(InterfaceId ifId) {
        return Map.copyOf(hostFilters.getOrDefault(ifId, Map.of()));
    }

    /** An IGMPv3 report with one TO_IN (3) or TO_EX (4) record carrying the state. */
    static byte[] stateChangeReport(IgmpGroup state) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 4 * state.sources().size());
        b.put((byte) 0x22).put((byte) 0).putShort((short) 0).putShort((short) 0).putShort((short) 1);
        b.put((byte) (state.mode() == FilterMode.INCLUDE ? 3 : 4)).put((byte) 0)
                .putShort((short) state.sources().size()).put(state.group().getAddress());
        state.sources().forEach(s -> b.put(s.getAddress()));
        byte[] m = b.array();
        long sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = (int) ~sum & 0xffff;
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        return m;
    }

    private static final InetAddress ALL_IGMPV3_ROUTERS = address(224, 0, 0, 22);

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- InterfaceDirectory

    @Override
    public List<NetworkInterfaceInfo> interfaces() {
        return List.copyOf(new TreeMap<>(defined).values());
    }

    @Override
    public Optional<NetworkInterfaceInfo> byName(String name) {
        return defined.values().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    @Override
    public Optional<NetworkInterfaceInfo> byId(InterfaceId id) {
        return Optional.ofNullable(defined.get(id));
    }

    /** Parses {@code NAME INDEX ADDRESS/LEN} entries; reports malformed ones and skips them. */
    static List<NetworkInterfaceInfo> parse(Object raw, java.util.function.BiConsumer<String, String> errors) {
        List<NetworkInterfaceInfo> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        Iterable<?> items = raw instanceof Iterable<?> it ? it
                : raw instanceof String[] a ? List.of(a) : List.of(raw.toString().split(","));
        for (Object item : items) {
            String entry = item.toString().strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] f = entry.split("\\s+");
            try {
                if (f.length != 3) {
                    throw new IllegalArgumentException("expected NAME INDEX ADDRESS/LENGTH");
                }
                InterfaceId id = InterfaceId.parse(f[1]);
                int slash = f[2].indexOf('/');
                if (slash < 0) {
                    throw new IllegalArgumentException("the address needs its prefix length, e.g. 10.0.1.1/24");
                }
                InetAddress address = org.openmgm.api.Prefix.parse(f[2].substring(0, slash)).address();
                int length = Integer.parseInt(f[2].substring(slash + 1));
                out.add(new NetworkInterfaceInfo(id, f[0], true, true,
                        List.of(new NetworkInterfaceInfo.Address(address, length))));
            } catch (RuntimeException e) {
                errors.accept(entry, e.getMessage());
            }
        }
        return out;
    }
}
