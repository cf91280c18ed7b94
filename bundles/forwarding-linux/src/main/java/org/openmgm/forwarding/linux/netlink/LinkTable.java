package org.openmgm.forwarding.linux.netlink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.linux.sys.Inet4;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's interfaces as rtnetlink describes them: links (RTM_NEWLINK/RTM_DELLINK) and their
 * IPv4 addresses (RTM_NEWADDR/RTM_DELADDR), kept from a dump and the events that follow, answered
 * from an immutable snapshot. An interface is "up" when it is administratively up and running
 * ({@code IFF_UP} and {@code IFF_RUNNING}, i.e. the carrier is there); its addresses are listed
 * primaries first, in the kernel's order. Listeners hear each interface whose visible state
 * changed, once, after the snapshot is updated, never while a lock is held.
 */
public final class LinkTable implements InterfaceDirectory {

    /**
     * A visible change, to announce.
     *
     * @param info the interface's state now (its last state when removed)
     * @param removed whether it vanished
     */
    public record Change(NetworkInterfaceInfo info, boolean removed) {
    }

    private static final Logger log = LoggerFactory.getLogger(LinkTable.class);
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;
    private static final int IFF_MULTICAST = 0x1000;

    private final Map<Integer, RtnlMessage.Link> links = new HashMap<>();
    private final Map<Integer, List<RtnlMessage.Address>> addresses = new HashMap<>();
    private final List<InterfaceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<Integer, NetworkInterfaceInfo> view = Map.of();

    /** Creates an empty table; {@link #replace} loads it. */
    public LinkTable() {
        // filled by the NetlinkMonitor's first dumps
    }

    /**
     * Adds a listener.
     *
     * @param l the listener
     */
    public void addListener(InterfaceListener l) {
        listeners.add(l);
    }

    /**
     * Removes a listener.
     *
     * @param l the listener
     */
    public void removeListener(InterfaceListener l) {
        listeners.remove(l);
    }

    /**
     * Applies one event.
     *
     * @param m a link or address message (others are ignored)
     * @return the visible changes, to {@link #announce}
     */
    public synchronized List<Change> apply(RtnlMessage m) {
        int index;
        if (m instanceof RtnlMessage.Link l) {
            index = l.index();
            if (l.deleted()) {
                links.remove(index);
                addresses.remove(index);
            } else {
                links.put(index, l);
            }
        } else if (m instanceof RtnlMessage.Address a) {
            index = a.index();
            List<RtnlMessage.Address> list = addresses.computeIfAbsent(index, i -> new ArrayList<>());
            list.removeIf(x -> x.address() == a.address() && x.prefixLength() == a.prefixLength());
            if (!a.deleted()) {
                list.add(a);
            }
        } else {
            return List.of();
        }
        return refresh(Set.of(index));
    }

    /**
     * Replaces everything by a fresh dump (at start, and after events were lost).
     *
     * @param dump the link and address messages of the dumps
     * @return the visible changes against what was known, to {@link #announce}
     */
    public synchronized List<Change> replace(List<RtnlMessage> dump) {
        Set<Integer> touched = new HashSet<>(links.keySet());
        links.clear();
        addresses.clear();
        for (RtnlMessage m : dump) {
            if (m instanceof RtnlMessage.Link l && !l.deleted()) {
                links.put(l.index(), l);
                touched.add(l.index());
            } else if (m instanceof RtnlMessage.Address a && !a.deleted()) {
                addresses.computeIfAbsent(a.index(), i -> new ArrayList<>()).add(a);
            }
        }
        return refresh(touched);
    }

    private List<Change> refresh(Set<Integer> indices) {
        Map<Integer, NetworkInterfaceInfo> next = new HashMap<>(view);
        List<Change> changes = new ArrayList<>();
        for (int index : indices) {
            NetworkInterfaceInfo before = next.get(index);
            RtnlMessage.Link link = links.get(index);
            if (link == null) {
                addresses.remove(index);
                if (before != null) {
                    next.remove(index);
                    changes.add(new Change(before, true));
                }
                continue;
            }
            NetworkInterfaceInfo now = info(link, addresses.getOrDefault(index, List.of()));
            if (!now.equals(before)) {
                next.put(index, now);
                changes.add(new Change(now, false));
            }
        }
        view = Map.copyOf(next);
        return changes;
    }

    private static NetworkInterfaceInfo info(RtnlMessage.Link link, List<RtnlMessage.Address> addrs) {
        List<NetworkInterfaceInfo.Address> list = new ArrayList<>(addrs.size());
        for (boolean secondary : new boolean[] {false, true}) {
            for (RtnlMessage.Address a : addrs) {
                if (a.secondary() == secondary) {
                    list.add(new NetworkInterfaceInfo.Address(Inet4.toAddress(a.address()), a.prefixLength()));
                }
            }
        }
        int f = link.flags();
        String name = link.name() != null ? link.name() : "if" + link.index();
        return new NetworkInterfaceInfo(InterfaceId.of(link.index()), name, (f & IFF_UP) != 0 && (f & IFF_RUNNING) != 0,
                (f & IFF_MULTICAST) != 0, list);
    }

    /**
     * Tells the listeners about changes; call without holding locks.
     *
     * @param changes what {@link #apply} or {@link #replace} returned
     */
    public void announce(List<Change> changes) {
        for (Change c : changes) {
            log.debug("Interface {} {}", c.removed() ? "removed" : "changed", c.info());
            for (InterfaceListener l : listeners) {
                try {
                    if (c.removed()) {
                        l.interfaceRemoved(c.info());
                    } else {
                        l.interfaceChanged(c.info());
                    }
                } catch (RuntimeException e) {
                    log.warn("Interface listener {} failed", l, e);
                }
            }
        }
    }

    /**
     * Names an interface for messages.
     *
     * @param ifIndex the index
     * @return e.g. {@code eth0 (if7)}, or {@code if7} when unknown
     */
    public String describe(int ifIndex) {
        NetworkInterfaceInfo i = view.get(ifIndex);
        return i == null ? "if" + ifIndex : i.name() + " (if" + ifIndex + ")";
    }

    /**
     * Returns an interface's primary IPv4 address.
     *
     * @param ifIndex the index
     * @return the address as an int, or 0 if it has none
     */
    public int primaryAddress(int ifIndex) {
        NetworkInterfaceInfo i = view.get(ifIndex);
        return i == null || i.addresses().isEmpty() ? 0 : Inet4.toInt(i.addresses().get(0).address());
    }

    /**
     * Tells whether an address is one of an interface's own.
     *
     * @param ifIndex the index
     * @param address the address as an int
     * @return {@code true} if the interface has it
     */
    public boolean isOwnAddress(int ifIndex, int address) {
        NetworkInterfaceInfo i = view.get(ifIndex);
        if (i == null) {
            return false;
        }
        for (NetworkInterfaceInfo.Address a : i.addresses()) {
            if (Inet4.toInt(a.address()) == address) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<NetworkInterfaceInfo> interfaces() {
        return List.copyOf(new TreeMap<>(view).values());
    }

    @Override
    public Optional<NetworkInterfaceInfo> byName(String name) {
        for (NetworkInterfaceInfo i : view.values()) {
            if (i.name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<NetworkInterfaceInfo> byId(InterfaceId id) {
        NetworkInterfaceInfo i = view.get(id.ifIndex());
        return i != null && i.id().equals(id) ? Optional.of(i) : Optional.empty();
    }
}
