package org.openmgm.spi;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.openmgm.api.InterfaceId;

/**
 * What the MGM installs in a forwarding plane for one (S,G): data from {@code source} to {@code
 * group} arriving on {@code incoming} goes out of {@code outgoing}; with no outgoing interface the
 * plane drops it (a negative entry) without further upcalls.
 *
 * @param source the source address
 * @param group the group address
 * @param incoming the incoming interface
 * @param outgoing the outgoing interfaces, distinct and in {@link InterfaceId} order, never
 *     containing {@code incoming} (an immutable list: entries are made on the MGM's hot path, and
 *     an immutable sorted list is passed through without a copy)
 */
public record ForwardingEntry(InetAddress source, InetAddress group, InterfaceId incoming,
                              List<InterfaceId> outgoing) {

    /**
     * Validates; copies and sorts the outgoing list only when it is not already an immutable list
     * in order.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code outgoing} repeats an interface or contains {@code
     *     incoming}
     */
    public ForwardingEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(incoming, "incoming");
        outgoing = sortedDistinct(List.copyOf(outgoing));
        if (outgoing.contains(incoming)) {
            throw new IllegalArgumentException("incoming interface " + incoming + " is also outgoing");
        }
    }

    private static List<InterfaceId> sortedDistinct(List<InterfaceId> list) {
        for (int i = 1; i < list.size(); i++) {
            int c = list.get(i - 1).compareTo(list.get(i));
            if (c == 0) {
                throw new IllegalArgumentException("outgoing interface " + list.get(i) + " is listed twice");
            }
            if (c > 0) {
                List<InterfaceId> sorted = new ArrayList<>(list);
                sorted.sort(null);
                return sortedDistinct(List.copyOf(sorted));
            }
        }
        return list;
    }
}
