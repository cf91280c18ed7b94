package org.openmgm.core.impl.igmp;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;

/**
 * The memberships the MGM holds for IGMP for one group on one interface, and the steps that bring
 * them to IGMP's state (RFC 3376 §6.3). Each step is recorded only once its MGM call succeeded,
 * so a transition cut short by a refusal resumes where it stopped. Used by the draining thread
 * only.
 */
final class AppliedGroup {

    /** Makes one MGM call; {@code false} when it was refused or overtaken, which ends the transition. */
    interface Calls {
        boolean run(Runnable mgmCall);
    }

    private final InetAddress group;
    private final SourceGroup wildcardKey;
    private final Set<InetAddress> included = new LinkedHashSet<>();
    private boolean wildcard;
    private Set<InetAddress> excluded = Set.of();

    AppliedGroup(InetAddress group) {
        this.group = group;
        this.wildcardKey = SourceGroup.anySource(group);
    }

    boolean isEmpty() {
        return included.isEmpty() && !wildcard && excluded.isEmpty();
    }

    /**
     * EXCLUDE mode with the excluded sources {@code x}: the exclusions first, then the (*,G) JOIN,
     * then the (S,G) memberships of the INCLUDE state this replaces.
     */
    boolean toExclude(ProtocolRegistration r, InterfaceId ifId, Set<InetAddress> x, Calls calls) {
        if (!excluded.equals(x)) {
            if (!calls.run(() -> r.setExcludedSources(group, ifId, x))) {
                return false;
            }
            excluded = Set.copyOf(x);
        }
        if (!wildcard) {
            if (!calls.run(() -> r.addMembership(wildcardKey, ifId))) {
                return false;
            }
            wildcard = true;
        }
        for (InetAddress s : List.copyOf(included)) {
            if (!calls.run(() -> r.deleteMembership(SourceGroup.of(s, group), ifId))) {
                return false;
            }
            included.remove(s);
        }
        return true;
    }

    /**
     * INCLUDE mode with the sources {@code a} (none: the group is gone): new (S,G) JOINs first,
     * then the (*,G) of the EXCLUDE state this replaces (its exclusions go with it), then the
     * (S,G) memberships no longer wanted.
     */
    boolean toInclude(ProtocolRegistration r, InterfaceId ifId, Set<InetAddress> a, Calls calls) {
        for (InetAddress s : a) {
            if (!included.contains(s)) {
                if (!calls.run(() -> r.addMembership(SourceGroup.of(s, group), ifId))) {
                    return false;
                }
                included.add(s);
            }
        }
        if (wildcard) {
            if (!calls.run(() -> r.deleteMembership(wildcardKey, ifId))) {
                return false;
            }
            wildcard = false;
            excluded = Set.of();
        } else if (!excluded.isEmpty()) {
            if (!calls.run(() -> r.setExcludedSources(group, ifId, Set.of()))) {
                return false;
            }
            excluded = Set.of();
        }
        for (InetAddress s : List.copyOf(included)) {
            if (!a.contains(s)) {
                if (!calls.run(() -> r.deleteMembership(SourceGroup.of(s, group), ifId))) {
                    return false;
                }
                included.remove(s);
            }
        }
        return true;
    }
}
