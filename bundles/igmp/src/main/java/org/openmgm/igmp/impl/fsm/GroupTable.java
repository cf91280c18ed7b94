package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.openmgm.api.FilterMode;
import org.openmgm.spi.IgmpGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group records of one interface: creation within the group limit, and "settling" after every
 * change, i.e. announcing a group through the port when its announced value changed and deleting
 * it when it holds nothing any more (INCLUDE with no source, RFC 3376 §6.3, §6.5).
 */
final class GroupTable {

    private static final Logger log = LoggerFactory.getLogger(GroupTable.class);

    private final InterfaceContext ctx;
    private final TreeMap<InetAddress, GroupState> groups = new TreeMap<>(Ipv4.ORDER);

    GroupTable(InterfaceContext ctx) {
        this.ctx = ctx;
    }

    GroupState find(InetAddress group) {
        return groups.get(group);
    }

    /**
     * Finds a group record or creates one in INCLUDE mode with no sources (the state of a group
     * nobody reported, §6.4), unless the interface already holds {@code maxGroups} groups.
     *
     * @return the record, or {@code null} when refused (counted as {@link IgmpCounters.Drop#GROUP_LIMIT})
     */
    GroupState findOrCreate(InetAddress group) {
        GroupState g = groups.get(group);
        if (g == null) {
            if (groups.size() >= ctx.config().maxGroups()) {
                ctx.counters.drop(IgmpCounters.Drop.GROUP_LIMIT);
                log.debug("Group limit {} reached on {}: {} refused", ctx.config().maxGroups(),
                        ctx.localAddress.getHostAddress(), group.getHostAddress());
                return null;
            }
            g = new GroupState(group, ctx, this::settle);
            groups.put(group, g);
        }
        return g;
    }

    /**
     * After a change of a group: deletes it if it holds nothing, then announces it if its announced
     * value (mode, listed sources, compatibility version) differs from the last one announced. A
     * group that was never announced joined and is not joined now is not announced. Timer refreshes
     * alone change nothing announced and so call nothing.
     */
    void settle(GroupState g) {
        if (g.isRemoved()) {
            return;
        }
        IgmpGroup now = g.snapshot(ctx.config().version());
        IgmpGroup before = g.published();
        boolean announce = before == null
                ? now.isJoined()
                : !before.equals(now) && (before.isJoined() || now.isJoined());
        if (g.isEmpty()) {
            g.cancelAll();
            groups.remove(g.group());
        }
        if (announce) {
            g.published(now);
            ctx.publish(now);
        }
    }

    /** Settles every group (after a reconfiguration that may change what is announced). */
    void settleAll() {
        all().forEach(this::settle);
    }

    /** A copy of the group records, in address order. */
    List<GroupState> all() {
        return new ArrayList<>(groups.values());
    }

    /** Cancels every timer, announces every joined group as gone and forgets every group. */
    void clear() {
        List<GroupState> all = all();
        groups.clear();
        all.forEach(GroupState::cancelAll);
        for (GroupState g : all) {
            IgmpGroup last = g.published();
            if (last != null && last.isJoined()) {
                ctx.publish(new IgmpGroup(g.group(), FilterMode.INCLUDE, Set.of(), last.compatibilityVersion()));
            }
        }
    }

    /** What was last announced of every joined group, in address order (to feed a new listener). */
    List<IgmpGroup> announcedJoined() {
        return groups.values().stream().map(GroupState::published).filter(g -> g != null && g.isJoined()).toList();
    }

    List<GroupView> views() {
        int version = ctx.config().version();
        return groups.values().stream().map(g -> g.view(version)).toList();
    }
}
