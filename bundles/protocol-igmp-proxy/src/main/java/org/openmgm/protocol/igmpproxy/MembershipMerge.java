package org.openmgm.protocol.igmpproxy;

import java.net.InetAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.openmgm.api.FilterMode;
import org.openmgm.spi.IgmpGroup;

/**
 * The merge of subscriptions that RFC 4605 §4.1 asks of a proxy for its upstream interface, by
 * the rules RFC 3376 §3.2 gives for merging the sockets of one interface: if any subscription is
 * EXCLUDE, the result is EXCLUDE with the sources every EXCLUDE subscription excludes, minus
 * those any INCLUDE subscription wants; otherwise INCLUDE with every source wanted.
 */
final class MembershipMerge {

    private MembershipMerge() {
    }

    /**
     * Merges the subscriptions to one group.
     *
     * @param group the group
     * @param subscriptions the downstream interfaces' states and other receivers, for that group
     * @return the merged state (INCLUDE with no source: nobody wants the group)
     */
    static IgmpGroup merge(InetAddress group, Collection<IgmpGroup> subscriptions) {
        Set<InetAddress> excluded = null;
        Set<InetAddress> included = new HashSet<>();
        for (IgmpGroup s : subscriptions) {
            if (!s.isJoined()) {
                continue;
            }
            if (s.mode() == FilterMode.EXCLUDE) {
                if (excluded == null) {
                    excluded = new HashSet<>(s.sources());
                } else {
                    excluded.retainAll(s.sources());
                }
            } else {
                included.addAll(s.sources());
            }
        }
        if (excluded != null) {
            excluded.removeAll(included);
            return new IgmpGroup(group, FilterMode.EXCLUDE, excluded, 3);
        }
        return new IgmpGroup(group, FilterMode.INCLUDE, included, 3);
    }
}
