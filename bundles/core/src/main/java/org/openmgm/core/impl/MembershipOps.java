package org.openmgm.core.impl;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;

/**
 * Adding and deleting membership entries (spec §3.6, §3.7, §5.4–5.7, §5.9): validation, the
 * membership table, the matching MFEs (through {@link MfeOps}), and the callbacks in the order
 * of spec §4.1 — local join/leave first, then membership-driven alerts, then MFE-level alerts.
 * Every method runs under the MGM lock and only collects callbacks in the outbox.
 */
final class MembershipOps {

    private static final int[] NONE = new int[0];

    private final MgmState s;
    private final MfeOps mfes;

    MembershipOps(MgmState s, MfeOps mfes) {
        this.s = s;
        this.mfes = mfes;
    }

    /**
     * The checks of spec [RES Q33], in this order: interface held (else NOT_FOUND); caller is its
     * routing owner, or IGMP where IGMP holds it (else INVALID_PARAMETER); IGMP not inside a
     * disable/enable bracket (else CAN_NOT_COMPLETE).
     */
    InterfaceEntry checkRights(Client c, InterfaceId ifId) {
        InterfaceEntry e = s.interfaces.held(ifId);
        if (e == null) {
            throw new MgmException(MgmStatus.NOT_FOUND, ifId + " is not held by any protocol");
        }
        if (c.igmp) {
            if (!e.igmp) {
                throw MgmException.invalid("IGMP does not hold " + ifId + " (owned by " + e.routingOwner + ")");
            }
            if (e.igmpDisabled) {
                throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "IGMP is disabled on " + ifId
                        + " while its ownership changes; re-add memberships after enableIgmp");
            }
        } else if (e.routingOwner != c) {
            throw MgmException.invalid(ifId + " is owned by " + (e.routingOwner == null ? "IGMP only" : e.routingOwner)
                    + ", not by " + c);
        }
        return e;
    }

    static void checkFlags(Set<MembershipFlag> flags) {
        if (flags == null || flags.isEmpty() || flags.contains(null)) {
            throw MgmException.invalid("membership flags must be a non-empty set of JOIN and/or FORWARD, got " + flags);
        }
    }

    /** The group of a source exclusion: an IPv4 multicast address. */
    static int checkGroup(InetAddress group) {
        int g = Ipv4.toInt(group);
        if (!group.isMulticastAddress()) {
            throw MgmException.invalid("not a multicast group: " + group.getHostAddress());
        }
        return g;
    }

    /** The sources of an exclusion: unicast IPv4 addresses, returned sorted without duplicates. */
    static int[] checkSources(Set<InetAddress> sources) {
        if (sources.isEmpty()) {
            return NONE;
        }
        int[] out = new int[sources.size()];
        int n = 0;
        for (InetAddress a : sources) {
            if (a == null || a.isMulticastAddress() || a.isAnyLocalAddress()) {
                throw MgmException.invalid("an excluded source must be a unicast address, got "
                        + (a == null ? "null" : a.getHostAddress()));
            }
            out[n++] = Ipv4.toInt(a);
        }
        return IntStream.of(out).sorted().distinct().toArray();
    }

    /**
     * Replaces the sources the client's (*,G) membership on the interface excludes (OpenMGM A9)
     * and brings the group's MFEs up to date if that membership exists.
     */
    void exclude(Client c, InterfaceEntry e, int group, int[] sorted, Outbox out) {
        int[] before = s.memberships.setExcluded(group, e.slot, c.igmp, sorted);
        MembershipTable.KeyEntry wildcard = s.memberships.get(Ipv4.key(0, group));
        if (wildcard != null && wildcard.has(e.slot, c.igmp)) {
            mfes.exclusionsChanged(group, e, before, sorted, out);
        }
    }

    void add(Client c, SourceGroup sg, long key, InterfaceEntry e, Set<MembershipFlag> flags, Outbox out) {
        if (flags.contains(MembershipFlag.JOIN)) {
            long limit = s.settings.maxMemberships();
            MembershipTable.KeyEntry existing = s.memberships.get(key);
            boolean present = existing != null && existing.has(e.slot, c.igmp);
            if (limit > 0 && !present && s.memberships.size() >= limit) {
                throw new MgmException(MgmStatus.NOT_ENOUGH_MEMORY, "membership limit " + limit + " reached ("
                        + MgmSettings.MAX_MEMBERSHIPS + ")");
            }
            join(c, sg, key, e, out);
        }
        if (flags.contains(MembershipFlag.FORWARD)) {
            mfes.forwardAdded(key, e, out);
        }
    }

    void delete(Client c, SourceGroup sg, long key, InterfaceEntry e, Set<MembershipFlag> flags, Outbox out) {
        if (flags.contains(MembershipFlag.JOIN)) {
            leave(c, sg, key, e, out);
        }
        if (flags.contains(MembershipFlag.FORWARD)) {
            mfes.forwardDeleted(key, e, out);
        }
    }

    private void join(Client c, SourceGroup sg, long key, InterfaceEntry e, Outbox out) {
        List<Client> before = s.components(s.memberships.get(key));
        if (!s.memberships.add(key, e.slot, c.igmp)) {
            return;                                                      // set semantics ([RES Q16])
        }
        (c.igmp ? e.igmpKeys : e.ownerKeys).add(key);
        List<Client> after = s.components(s.memberships.get(key));
        InterfaceId ifId = e.id;
        if (c.igmp && e.routingOwner != null) {                          // §4.6 local join, first
            out.add(e.routingOwner, CallbackKind.LOCAL_JOIN, sg, p -> p.localJoin(sg, ifId));
        }
        Client component = s.componentOf(e);
        List<Client> recipients = sg.kind() == SourceGroup.Kind.SOURCE_GROUP
                ? AlertRules.sourceJoin(before, component, s.ownerToward(Ipv4.source(key), Ipv4.group(key)))
                : AlertRules.wildcardJoin(before, after, component, c, s.clients.values());
        for (Client r : recipients) {                                    // §4.4.3 membership alerts
            out.add(r, CallbackKind.JOIN_ALERT, sg, p -> p.joinAlert(sg, true));
        }
        mfes.joined(key, e, c.igmp, out);                                // then MFE-level alerts
    }

    private void leave(Client c, SourceGroup sg, long key, InterfaceEntry e, Outbox out) {
        List<Client> before = s.components(s.memberships.get(key));
        if (!s.memberships.remove(key, e.slot, c.igmp)) {
            return;
        }
        (c.igmp ? e.igmpKeys : e.ownerKeys).remove(key);
        List<Client> after = s.components(s.memberships.get(key));
        InterfaceId ifId = e.id;
        if (c.igmp && e.routingOwner != null) {                          // §4.7 local leave, first
            out.add(e.routingOwner, CallbackKind.LOCAL_LEAVE, sg, p -> p.localLeave(sg, ifId));
        }
        Client component = s.componentOf(e);
        List<Client> recipients = sg.kind() == SourceGroup.Kind.SOURCE_GROUP
                ? AlertRules.sourcePrune(before, after, component, s.ownerToward(Ipv4.source(key), Ipv4.group(key)))
                : AlertRules.wildcardPrune(before, after, component, c, s.clients.values());
        java.time.Duration proposed = java.time.Duration.ofSeconds(s.settings.mfeDefaultTimeoutSec());
        for (Client r : recipients) {                                    // §4.5.3, interface = ifId ([RES Q42])
            out.add(r, CallbackKind.PRUNE_ALERT, sg, p -> p.pruneAlert(sg, ifId, true, proposed));
        }
        mfes.left(key, e, out);
        if (Ipv4.source(key) == 0 && Ipv4.group(key) != 0) {
            s.memberships.setExcluded(Ipv4.group(key), e.slot, c.igmp, new int[0]); // exclusions go with (*,G)
        }
    }

    /**
     * Removes every JOIN membership one client holds on an interface, with normal delete
     * processing (spec [RES Q13], [RES Q15]); the client plays the caller ([OpenMGM A1]).
     */
    void removeAll(Client c, InterfaceEntry e, Outbox out) {
        long[] keys = (c.igmp ? e.igmpKeys : e.ownerKeys).toArray();
        java.util.Arrays.sort(keys);
        for (long key : keys) {
            leave(c, Ipv4.sourceGroup(key), key, e, out);
        }
        s.memberships.clearExclusions(e.slot, c.igmp);          // also those set before any (*,G)
    }
}
