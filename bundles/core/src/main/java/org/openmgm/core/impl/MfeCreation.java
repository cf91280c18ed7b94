package org.openmgm.core.impl;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Mfe;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.RouteInfo;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.core.impl.util.SlotBits;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.ReversePath;
import org.openmgm.util.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MFE creation for a packet without entry (spec §5.8), run on the MGM's event thread: route lookup
 * and the owner of the interface toward the source, the RPF callback, the creation alerts, then
 * the entry is built, installed and announced (MFE-level join or prune alert to the iif owner).
 *
 * <p>The two callbacks run without the lock, so the state may change meanwhile. Memberships that
 * appear or vanish are picked up because the outgoing list is computed from the memberships at
 * installation; an ownership change (which would have purged the entry) makes the creation start
 * over from the route lookup. An unowned candidate iif yields a negative entry without callbacks
 * ([RES Q19]); an arrival interface different from the final iif yields a wrong-interface alert
 * ([RES Q39], §4.8).
 */
final class MfeCreation {

    private static final Logger log = LoggerFactory.getLogger(MfeCreation.class);
    private static final int MAX_ATTEMPTS = 5;

    /**
     * One flow to create: what the plane reported, or what a protocol asked for ({@code proactive},
     * OpenMGM A10: no packet arrived, so there is no arrival interface to be wrong).
     */
    record Miss(InterfaceId arrival, InetAddress source, InetAddress group, long key, ByteBuffer header,
                boolean proactive) {
    }

    private static final ByteBuffer NO_HEADER = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final MgmState s;
    private final MfeOps mfes;
    private final CallbackDispatcher dispatcher;
    private final WrongInterfaceAlerts wrongIf;
    /** (S,G) keys being created, so that a second upcall for the same flow is not processed twice. */
    private final LongHashSet pending = new LongHashSet();

    MfeCreation(MgmState s, MfeOps mfes, CallbackDispatcher dispatcher, WrongInterfaceAlerts wrongIf) {
        this.s = s;
        this.mfes = mfes;
        this.dispatcher = dispatcher;
        this.wrongIf = wrongIf;
    }

    /** The plane saw data from the miss's source to its group on the arrival interface and has no entry. */
    void create(Miss miss) {
        s.lock.lock();
        try {
            if (s.stopped || !pending.add(miss.key())) {
                return;
            }
        } finally {
            s.lock.unlock();
        }
        try {
            SourceGroup sg = SourceGroup.of(miss.source(), miss.group());
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                if (attempt(miss, sg)) {
                    return;
                }
                s.counters.creationRetries.increment();
            }
            log.warn("Gave up creating MFE {}: ownership kept changing", sg);
        } finally {
            s.lock.lock();
            try {
                pending.remove(miss.key());
            } finally {
                s.lock.unlock();
            }
        }
    }

    /**
     * Creates an MFE now, as its first packet would (OpenMGM A10), on the calling thread: the
     * arrival interface is the route toward the source, the callbacks are those of §5.8. Returns
     * the entry (an existing one unchanged).
     */
    Mfe createNow(InetAddress source, InetAddress group, Duration lifetime) {
        long key = Ipv4.key(Ipv4.toInt(source), Ipv4.toInt(group));
        InterfaceId toward;
        s.lock.lock();
        try {
            MfeEntry existing = s.mfes.get(key);
            if (existing != null) {
                return mfes.toApi(existing, s.now());
            }
            if (s.settings.maxMfes() > 0 && s.mfes.size() >= s.settings.maxMfes()) {
                throw new MgmException(MgmStatus.NOT_ENOUGH_MEMORY, "MFE limit " + s.settings.maxMfes() + " reached ("
                        + MgmSettings.MAX_MFES + ")");
            }
            toward = s.routeToward(source, group).map(ReversePath::incoming).orElseThrow(() -> new MgmException(
                    MgmStatus.NOT_FOUND, "no route toward " + source.getHostAddress() + " for "
                    + group.getHostAddress() + " in the multicast view"));
        } finally {
            s.lock.unlock();
        }
        create(new Miss(toward, source, group, key, NO_HEADER, true));
        s.lock.lock();
        try {
            MfeEntry m = s.mfes.get(key);
            if (m == null) {
                throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "the MFE for (" + source.getHostAddress() + ", "
                        + group.getHostAddress() + ") could not be created (ownership kept changing or the MGM stops)");
            }
            mfes.setLifetime(m, lifetime);
            return mfes.toApi(m, s.now());
        } finally {
            s.lock.unlock();
        }
    }

    /** One pass; {@code false} if an ownership change overtook it and it must start over. */
    private boolean attempt(Miss miss, SourceGroup sg) {
        ReversePath proposed;
        Client rpfOwner;
        long epoch;
        Outbox out = new Outbox();
        s.lock.lock();
        try {
            if (s.stopped) {
                return true;
            }
            MfeEntry existing = s.mfes.get(miss.key());
            if (existing != null) {
                mfes.program(existing);          // the plane lost it (or raced): make it whole again
                return true;
            }
            if (s.settings.maxMfes() > 0 && s.mfes.size() >= s.settings.maxMfes()) {
                s.counters.mfeLimitDrops.increment();
                log.debug("MFE limit {} reached; not creating {}", s.settings.maxMfes(), sg);
                return true;
            }
            epoch = s.ownershipEpoch;
            // §5.8 step 2: the multicast view; no route → the arrival interface ([RES Q11]).
            proposed = s.routeToward(miss.source(), miss.group())
                    .orElseGet(() -> new ReversePath(miss.arrival(), MgmState.address(0), RouteInfo.NONE));
            rpfOwner = s.componentOf(s.interfaces.held(proposed.incoming()));
            if (rpfOwner == null) {                                       // step 3, [RES Q19]
                install(miss, sg, proposed, null, null, out);
                return true;
            }
        } finally {
            s.lock.unlock();
        }
        // Step 4: RPF callback to the owner of the interface toward S.
        ByteBuffer header = miss.header();
        ReversePath decision = dispatcher.call(rpfOwner, CallbackKind.RPF, sg,
                p -> p.rpf(sg, proposed, header.duplicate()), proposed);
        // Step 5: candidates by component, recipients in registration order (spec §4.1).
        List<Client> components = new ArrayList<>(2);
        List<List<CandidateInterface>> candidates = new ArrayList<>(2);
        long[] cand;
        long membershipVersion;
        s.lock.lock();
        try {
            if (s.ownershipEpoch != epoch) {
                return false;
            }
            membershipVersion = s.memberships.version();
            cand = candidatesWithoutIif(miss.key(), decision.incoming());
            group(cand, components, candidates);
        } finally {
            s.lock.unlock();
        }
        // Step 6: creation alerts; what a component leaves out is SUPPRESSED.
        List<InterfaceId> refused = new ArrayList<>(0);
        for (int c = 0; c < components.size(); c++) {
            List<CandidateInterface> offered = candidates.get(c);
            Set<InterfaceId> enabled = dispatcher.call(components.get(c), CallbackKind.CREATION_ALERT, sg,
                    p -> p.creationAlert(sg, decision.incoming(), offered), null);
            if (enabled != null) {                                        // null: it kept them all
                for (CandidateInterface ci : offered) {
                    if (!enabled.contains(ci.ifId())) {
                        refused.add(ci.ifId());
                    }
                }
            }
        }
        // Steps 7-8: build, install, announce.
        s.lock.lock();
        try {
            if (s.ownershipEpoch != epoch) {
                return false;
            }
            // Memberships may have changed during the callbacks: then the OIFs are computed afresh.
            MfeEntry m = install(miss, sg, decision, refused,
                    s.memberships.version() == membershipVersion ? cand : null, out);
            if (!miss.proactive() && !miss.arrival().equals(m.iif.id)) {
                wrongIf.alert(m, miss.arrival(), header, out);           // [RES Q39]
            }
        } finally {
            s.lock.unlock();
        }
        dispatcher.deliver(out);
        return true;
    }

    /** Cand − iif (spec §2.7.4): the slots with a matching JOIN membership, but the iif's. */
    private long[] candidatesWithoutIif(long key, InterfaceId iif) {
        long[] cand = s.memberships.candidates(Ipv4.source(key), Ipv4.group(key));
        InterfaceEntry iifEntry = s.interfaces.get(iif);
        if (iifEntry != null && SlotBits.get(cand, iifEntry.slot)) {
            cand = SlotBits.clear(SlotBits.copy(cand), iifEntry.slot);
        }
        return cand;
    }

    /** Groups candidate slots by component; components in registration order, interfaces in order. */
    private void group(long[] cand, List<Client> components, List<List<CandidateInterface>> candidates) {
        if (cand == null) {
            return;
        }
        List<List<CandidateInterface>> unordered = new ArrayList<>(2);
        List<Client> owners = new ArrayList<>(2);
        for (int w = 0; w < cand.length; w++) {
            for (long word = cand[w]; word != 0; word &= word - 1) {
                InterfaceEntry e = s.interfaces.bySlot((w << 6) + Long.numberOfTrailingZeros(word));
                Client c = s.componentOf(e);
                int at = owners.indexOf(c);
                if (at < 0) {
                    owners.add(c);
                    unordered.add(new ArrayList<>(2));
                    at = owners.size() - 1;
                }
                unordered.get(at).add(new CandidateInterface(e.id, e.igmp));
            }
        }
        while (!owners.isEmpty()) {                  // few components: a selection by order is enough
            int first = 0;
            for (int i = 1; i < owners.size(); i++) {
                if (owners.get(i).order < owners.get(first).order) {
                    first = i;
                }
            }
            List<CandidateInterface> mine = unordered.remove(first);
            if (mine.size() > 1) {
                mine.sort((a, b) -> a.ifId().compareTo(b.ifId()));
            }
            components.add(owners.remove(first));
            candidates.add(Collections.unmodifiableList(mine));
        }
    }

    /**
     * Builds and installs the entry (under the lock); {@code refused == null} means a negative
     * entry for an unowned iif, announced to nobody ([RES Q19]).
     */
    private MfeEntry install(Miss miss, SourceGroup sg, ReversePath path, List<InterfaceId> refused,
                             long[] knownCandidates, Outbox out) {
        MfeEntry m = new MfeEntry(miss.key());
        m.iif = s.interfaces.getOrCreate(path.incoming());
        m.upstream = path.upstreamNeighbor().getAddress().length == 4 ? Ipv4.toInt(path.upstreamNeighbor()) : 0;
        m.route = path.route();
        m.createdMillis = s.now();
        mfes.setLifetimeFields(m, s.settings.mfeDefaultTimeoutSec() * 1000);
        if (refused != null) {
            long[] cand = knownCandidates != null ? knownCandidates : candidatesWithoutIif(m.key, m.iif.id);
            for (InterfaceId id : refused) {
                InterfaceEntry e = s.interfaces.held(id);
                if (e != null && SlotBits.get(cand, e.slot)) {
                    m.suppressed = SlotBits.set(m.suppressed, e.slot);
                }
            }
            m.oif = SlotBits.minus(cand, m.suppressed);
        }
        s.mfes.add(m);
        mfes.program(m, miss.source(), miss.group());
        s.counters.mfesCreated.increment();
        if (refused != null) {
            if (m.hasOif()) {
                mfes.mfeJoinAlert(m, sg, out);
            } else {
                mfes.mfePruneAlert(m, sg, out);
            }
        }
        return m;
    }
}
