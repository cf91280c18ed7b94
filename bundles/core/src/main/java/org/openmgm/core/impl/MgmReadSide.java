package org.openmgm.core.impl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.Membership;
import org.openmgm.api.Mfe;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.MfeStatistics;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.core.impl.util.SlotBits;

/**
 * The read side of the MGM, the {@link MulticastGroupService} (spec §3.5, §3.9–3.13 and
 * administrative views): each answer is a consistent snapshot taken under the lock; walks continue
 * strictly after a key ([RES Q34], [RES Q35]).
 */
abstract class MgmReadSide implements MulticastGroupService {

    private final MgmState s;

    MgmReadSide(MgmState s) {
        this.s = s;
    }

    /** The MFE rules, for the public form of entries. */
    abstract MfeOps mfeOps();

    @Override
    public Optional<ProtocolId> protocolOnInterface(InterfaceId ifId) {
        return interfaceOwnership(ifId).map(InterfaceOwnership::component);
    }

    @Override
    public Optional<InterfaceOwnership> interfaceOwnership(InterfaceId ifId) {
        if (ifId == null) {
            throw MgmException.invalid("interface must not be null");
        }
        s.lock.lock();
        try {
            ensureRunning();
            return Optional.ofNullable(s.interfaces.held(ifId)).map(this::ownershipOf);
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<InterfaceOwnership> interfaces() {
        s.lock.lock();
        try {
            ensureRunning();
            return s.interfaces.heldEntries().stream().map(this::ownershipOf)
                    .sorted(Comparator.comparing(InterfaceOwnership::id)).toList();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<RegisteredProtocol> protocols() {
        s.lock.lock();
        try {
            ensureRunning();
            return s.clients.values().stream().map(MgmReadSide::describe).toList();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public Optional<RegisteredProtocol> protocol(ProtocolId id) {
        s.lock.lock();
        try {
            ensureRunning();
            return Optional.ofNullable(s.clients.get(id)).map(MgmReadSide::describe);
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<Membership> memberships() {
        s.lock.lock();
        try {
            ensureRunning();
            List<Membership> out = new ArrayList<>(s.memberships.size());
            for (long key : s.memberships.sortedKeys()) {
                SourceGroup sg = Ipv4.sourceGroup(key);
                MembershipTable.KeyEntry ke = s.memberships.get(key);
                List<Membership> ofKey = new ArrayList<>();
                SlotBits.forEach(ke.owner, slot -> {
                    InterfaceEntry e = s.interfaces.bySlot(slot);
                    ofKey.add(new Membership(e.routingOwner.id, sg, e.id, excluded(key, slot, false)));
                });
                SlotBits.forEach(ke.igmp, slot -> ofKey.add(new Membership(s.igmpClient.id, sg,
                        s.interfaces.bySlot(slot).id, excluded(key, slot, true))));
                ofKey.sort(Comparator.comparing(Membership::ifId).thenComparing(Membership::client));
                out.addAll(ofKey);
            }
            return out;
        } finally {
            s.lock.unlock();
        }
    }

    /** The sources a (*,G) membership excludes (OpenMGM A9), as addresses. */
    private Set<InetAddress> excluded(long key, int slot, boolean byIgmp) {
        if (Ipv4.source(key) != 0 || Ipv4.group(key) == 0) {
            return Set.of();
        }
        int[] sources = s.memberships.excluded(Ipv4.group(key), slot, byIgmp);
        Set<InetAddress> out = new HashSet<>(sources.length * 2);
        for (int source : sources) {
            out.add(Ipv4.toAddress(source));
        }
        return out;
    }

    @Override
    public Optional<Mfe> mfe(InetAddress source, InetAddress group) {
        long key = exactKey(source, group);
        s.lock.lock();
        try {
            ensureRunning();
            MfeEntry m = s.mfes.get(key);
            return m == null ? Optional.empty() : Optional.of(mfeOps().toApi(m, s.now()));
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<Mfe> mfes(SourceGroup after, int maxEntries) {
        return mfePage(after, maxEntries, (m, now) -> mfeOps().toApi(m, now));
    }

    @Override
    public Optional<MfeStatistics> mfeStatistics(InetAddress source, InetAddress group) {
        long key = exactKey(source, group);
        s.lock.lock();
        try {
            ensureRunning();
            MfeEntry m = s.mfes.get(key);
            return m == null ? Optional.empty() : Optional.of(statistics(m, s.now()));
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<MfeStatistics> mfeStatistics(SourceGroup after, int maxEntries) {
        return mfePage(after, maxEntries, this::statistics);
    }

    /** One page of MFEs after a key, in key order, each made into what the caller returns. */
    private <T> List<T> mfePage(SourceGroup after, int maxEntries, MfeView<T> view) {
        Long from = continuation(after, maxEntries);
        s.lock.lock();
        try {
            ensureRunning();
            long now = s.now();
            List<T> page = new ArrayList<>(Math.min(maxEntries, 256));
            for (MfeEntry m : s.mfes.after(from)) {
                if (page.size() == maxEntries) {
                    break;
                }
                page.add(view.of(m, now));
            }
            return page;
        } finally {
            s.lock.unlock();
        }
    }

    /** What a page shows of an MFE. */
    @FunctionalInterface
    private interface MfeView<T> {
        T of(MfeEntry m, long now);
    }

    private MfeStatistics statistics(MfeEntry m, long now) {
        MfeCounters counters;
        try {
            counters = s.plane.counters(Ipv4.toAddress(m.source()), Ipv4.toAddress(m.group())).orElse(MfeCounters.ZERO);
        } catch (RuntimeException e) {
            s.counters.planeErrors.increment();
            counters = MfeCounters.ZERO;
        }
        return new MfeStatistics(mfeOps().toApi(m, now), counters);
    }

    private static long exactKey(InetAddress source, InetAddress group) {
        if (source == null || group == null) {
            throw MgmException.invalid("source and group must not be null");
        }
        return Ipv4.key(Ipv4.toInt(source), Ipv4.toInt(group));
    }

    private static Long continuation(SourceGroup after, int maxEntries) {
        if (maxEntries < 1) {
            throw MgmException.invalid("maxEntries must be at least 1, got " + maxEntries);
        }
        if (after == null) {
            return null;
        }
        if (after.kind() != SourceGroup.Kind.SOURCE_GROUP) {
            throw MgmException.invalid("a walk continues after an MFE's (S,G), not " + after);
        }
        return Ipv4.key(after);
    }

    InterfaceOwnership ownershipOf(InterfaceEntry e) {
        return new InterfaceOwnership(e.id,
                Optional.ofNullable(e.routingOwner).map(c -> c.id),
                e.igmp ? Optional.of(s.igmpClient.id) : Optional.empty());
    }

    static RegisteredProtocol describe(Client c) {
        return new RegisteredProtocol(c.id, c.name, c.igmp, c.bundle, c.interfaces, c.counters.snapshot());
    }

    private void ensureRunning() {
        if (s.stopped) {
            throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "the MGM is stopped");
        }
    }
}
