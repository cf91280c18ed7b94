package org.openmgm.core.impl;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.RouteInfo;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.core.impl.util.LongHashSet;
import org.openmgm.core.impl.util.SlotBits;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.ReversePath;
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

    /** The plane saw data from {@code source} to {@code group} on {@code arrival} and has no entry. */
    void create(InterfaceId arrival, int source, int group, ByteBuffer header) {
        long key = Ipv4.key(source, group);
        s.lock.lock();
        try {
            if (s.stopped || !pending.add(key)) {
                return;
            }
        } finally {
            s.lock.unlock();
        }
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                if (attempt(arrival, source, group, key, header)) {
                    return;
                }
                s.counters.creationRetries.increment();
            }
            log.warn("Gave up creating MFE ({}, {}): ownership kept changing", Ipv4.toString(source), Ipv4.toString(group));
        } finally {
            s.lock.lock();
            try {
                pending.remove(key);
            } finally {
                s.lock.unlock();
            }
        }
    }

    /** One pass; {@code false} if an ownership change overtook it and it must start over. */
    private boolean attempt(InterfaceId arrival, int source, int group, long key, ByteBuffer header) {
        SourceGroup sg = Ipv4.sourceGroup(key);
        ReversePath proposed;
        Client rpfOwner;
        long epoch;
        Outbox out = new Outbox();
        s.lock.lock();
        try {
            if (s.stopped) {
                return true;
            }
            MfeEntry existing = s.mfes.get(key);
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
            proposed = s.routeToward(source)
                    .orElseGet(() -> new ReversePath(arrival, MgmState.address(0), RouteInfo.NONE));
            rpfOwner = s.componentOf(s.interfaces.held(proposed.incoming()));
            if (rpfOwner == null) {                                       // step 3, [RES Q19]
                install(key, proposed, null, out);
                return true;
            }
        } finally {
            s.lock.unlock();
        }
        // Step 4: RPF callback to the owner of the interface toward S.
        ReversePath decision = dispatcher.call(rpfOwner, CallbackKind.RPF, sg,
                p -> p.rpf(sg, proposed, header.asReadOnlyBuffer()), proposed);
        // Step 5: candidates by component.
        Map<Client, List<CandidateInterface>> byComponent = new LinkedHashMap<>();
        s.lock.lock();
        try {
            if (s.ownershipEpoch != epoch) {
                return false;
            }
            InterfaceEntry iif = s.interfaces.get(decision.incoming());
            long[] cand = s.memberships.candidates(source, group);
            if (iif != null) {
                cand = SlotBits.clear(SlotBits.copy(cand), iif.slot);
            }
            Map<Client, List<CandidateInterface>> unordered = new LinkedHashMap<>();
            SlotBits.forEach(cand, slot -> {
                InterfaceEntry e = s.interfaces.bySlot(slot);
                unordered.computeIfAbsent(s.componentOf(e), c -> new ArrayList<>())
                        .add(new CandidateInterface(e.id, e.igmp));
            });
            // Recipients in registration order (spec §4.1).
            for (Client c : s.clients.values()) {
                List<CandidateInterface> list = unordered.get(c);
                if (list != null) {
                    list.sort((a, b) -> a.ifId().compareTo(b.ifId()));
                    byComponent.put(c, list);
                }
            }
        } finally {
            s.lock.unlock();
        }
        // Step 6: creation alerts; what a component leaves out is SUPPRESSED.
        List<InterfaceId> refused = new ArrayList<>();
        for (Map.Entry<Client, List<CandidateInterface>> e : byComponent.entrySet()) {
            List<CandidateInterface> candidates = List.copyOf(e.getValue());
            Set<InterfaceId> all = candidateIds(candidates);
            Set<InterfaceId> enabled = dispatcher.call(e.getKey(), CallbackKind.CREATION_ALERT, sg,
                    p -> p.creationAlert(sg, decision.incoming(), candidates), all);
            for (CandidateInterface c : candidates) {
                if (!enabled.contains(c.ifId())) {
                    refused.add(c.ifId());
                }
            }
        }
        // Steps 7-8: build, install, announce.
        s.lock.lock();
        try {
            if (s.ownershipEpoch != epoch) {
                return false;
            }
            MfeEntry m = install(key, decision, refused, out);
            if (!arrival.equals(m.iif.id)) {
                wrongIf.alert(m, arrival, header, out);                  // [RES Q39]
            }
        } finally {
            s.lock.unlock();
        }
        dispatcher.deliver(out);
        return true;
    }

    private static Set<InterfaceId> candidateIds(List<CandidateInterface> candidates) {
        Set<InterfaceId> ids = new java.util.HashSet<>();
        for (CandidateInterface c : candidates) {
            ids.add(c.ifId());
        }
        return ids;
    }

    /**
     * Builds and installs the entry (under the lock); {@code refused == null} means a negative
     * entry for an unowned iif, announced to nobody ([RES Q19]).
     */
    private MfeEntry install(long key, ReversePath path, List<InterfaceId> refused, Outbox out) {
        MfeEntry m = new MfeEntry(key);
        m.iif = s.interfaces.getOrCreate(path.incoming());
        m.upstream = path.upstreamNeighbor().getAddress().length == 4 ? Ipv4.toInt(path.upstreamNeighbor()) : 0;
        m.route = path.route();
        m.createdMillis = s.now();
        mfes.setLifetimeFields(m, Duration.ofSeconds(s.settings.mfeDefaultTimeoutSec()));
        if (refused != null) {
            long[] cand = SlotBits.clear(SlotBits.copy(s.memberships.candidates(m.source(), m.group())), m.iif.slot);
            for (InterfaceId id : refused) {
                InterfaceEntry e = s.interfaces.held(id);
                if (e != null && SlotBits.get(cand, e.slot)) {
                    m.suppressed = SlotBits.set(m.suppressed, e.slot);
                }
            }
            m.oif = SlotBits.minus(cand, m.suppressed);
        }
        s.mfes.add(m);
        mfes.program(m);
        s.counters.mfesCreated.increment();
        if (refused != null) {
            if (m.hasOif()) {
                mfes.mfeJoinAlert(m, out);
            } else {
                mfes.mfePruneAlert(m, out);
            }
        }
        return m;
    }

}
