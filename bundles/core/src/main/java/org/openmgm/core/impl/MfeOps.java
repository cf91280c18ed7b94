package org.openmgm.core.impl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Mfe;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.util.Ipv4;
import org.openmgm.core.impl.util.SlotBits;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.MfeDeletionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the MFEs right as memberships, marks and ownership change (spec §2.7.4–2.7.6, §5.9) and
 * mirrors every change into the forwarding plane, so that the plane holds exactly the MGM's
 * entries (spec §2.13 invariant 4). Emits the MFE-level alerts of [RES Q28] — join alerts when an
 * outgoing list becomes non-empty, prune alerts when it becomes empty — and the deletion alerts.
 * Every method runs under the MGM lock and only collects callbacks in the outbox.
 */
final class MfeOps {

    private static final Logger log = LoggerFactory.getLogger(MfeOps.class);

    private final MgmState s;
    /** Applies the lifetime a prune alert answered (takes the lock itself). */
    private final BiConsumer<MfeEntry, Duration> lifetimeAnswer;

    MfeOps(MgmState s, BiConsumer<MfeEntry, Duration> lifetimeAnswer) {
        this.s = s;
        this.lifetimeAnswer = lifetimeAnswer;
    }

    /**
     * A JOIN membership with {@code key} was added on {@code e} (spec §3.6 step 2) by its routing
     * owner or by IGMP; a (*,G) membership skips the sources it excludes (OpenMGM A9).
     */
    void joined(long key, InterfaceEntry e, boolean byIgmp, Outbox out) {
        int slot = e.slot;
        boolean wildcardGroup = Ipv4.source(key) == 0 && Ipv4.group(key) != 0;
        for (MfeEntry m : s.mfes.matching(key)) {
            if (m.iif == e) {
                continue;                                   // the iif is never an OIF ([RES Q21])
            }
            if (wildcardGroup && s.memberships.isExcluded(m.source(), m.group(), slot, byIgmp)) {
                continue;                                   // this join does not match S at all
            }
            m.suppressed = SlotBits.clear(m.suppressed, slot); // an explicit new join wins (§2.7.4)
            if (!SlotBits.get(m.oif, slot)) {
                addOif(m, slot, out);
            }
        }
    }

    /** Adds an outgoing interface to an MFE; the first one makes it forward again: a join alert. */
    private void addOif(MfeEntry m, int slot, Outbox out) {
        boolean wasEmpty = !m.hasOif();
        m.oif = SlotBits.set(m.oif, slot);
        program(m);
        if (wasEmpty) {
            mfeJoinAlert(m, out);
        }
    }

    /** A JOIN membership with {@code key} was removed from {@code e} (spec §3.7 step 2). */
    void left(long key, InterfaceEntry e, Outbox out) {
        int slot = e.slot;
        for (MfeEntry m : s.mfes.matching(key)) {
            if (m.iif == e || !SlotBits.get(m.oif, slot) || SlotBits.get(m.forced, slot)
                    || s.memberships.matchesOn(m.source(), m.group(), slot)) {
                continue;                                   // still forwarded there, or never was
            }
            m.oif = SlotBits.clear(m.oif, slot);
            program(m);
            if (!m.hasOif()) {
                mfePruneAlert(m, out);
            }
        }
    }

    /** FORWARD add on {@code e}: force the interface into matching existing MFEs (spec §2.6.2). */
    void forwardAdded(long key, InterfaceEntry e, Outbox out) {
        int slot = e.slot;
        for (MfeEntry m : s.mfes.matching(key)) {
            if (m.iif == e) {
                continue;
            }
            m.suppressed = SlotBits.clear(m.suppressed, slot);
            m.forced = SlotBits.set(m.forced, slot);
            if (!SlotBits.get(m.oif, slot)) {
                addOif(m, slot, out);
            }
        }
    }

    /** FORWARD delete on {@code e}: suppress the interface in matching existing MFEs (spec §2.6.2). */
    void forwardDeleted(long key, InterfaceEntry e, Outbox out) {
        int slot = e.slot;
        for (MfeEntry m : s.mfes.matching(key)) {
            if (m.iif == e) {
                continue;
            }
            m.forced = SlotBits.clear(m.forced, slot);
            m.suppressed = SlotBits.set(m.suppressed, slot);
            if (SlotBits.get(m.oif, slot)) {
                m.oif = SlotBits.clear(m.oif, slot);
                program(m);
                if (!m.hasOif()) {
                    mfePruneAlert(m, out);
                }
            }
        }
    }

    /**
     * The sources excluded from a (*,G) membership on {@code e} changed from {@code before} to
     * {@code after} (both sorted): MFEs of newly excluded sources stop forwarding there unless
     * another membership matches; those of sources no longer excluded forward there again unless
     * suppressed (OpenMGM A9). Only MFE-level alerts follow, as for FORWARD (spec §2.6.2).
     */
    void exclusionsChanged(int group, InterfaceEntry e, int[] before, int[] after, Outbox out) {
        int slot = e.slot;
        for (MfeEntry m : s.mfes.matching(Ipv4.key(0, group))) {
            boolean was = Arrays.binarySearch(before, m.source()) >= 0;
            boolean is = Arrays.binarySearch(after, m.source()) >= 0;
            if (was == is || m.iif == e) {
                continue;
            }
            boolean forwards = SlotBits.get(m.oif, slot);
            if (is && forwards && !SlotBits.get(m.forced, slot)
                    && !s.memberships.matchesOn(m.source(), m.group(), slot)) {
                m.oif = SlotBits.clear(m.oif, slot);
                program(m);
                if (!m.hasOif()) {
                    mfePruneAlert(m, out);
                }
            } else if (!is && !forwards && !SlotBits.get(m.suppressed, slot)
                    && s.memberships.matchesOn(m.source(), m.group(), slot)) {
                addOif(m, slot, out);
            }
        }
    }

    /** An MFE taken out of the table and the plane, with the components to tell about it. */
    record Deleted(MfeEntry mfe, List<Client> recipients) {
    }

    /**
     * The MFE purge of [RES Q12], first half: takes every MFE that mentions the interface out of the
     * table and the plane. Done before an ownership change removes memberships, so that the MFEs
     * the spec purges are those that mentioned the interface before (spec §5.3 step 4, §5.13) and
     * no MFE-level alert is raised about an entry that is going away anyway. {@link #announce}
     * later tells their components, after the membership alerts.
     */
    List<Deleted> detachMentioning(InterfaceEntry e) {
        List<MfeEntry> doomed = new ArrayList<>();
        for (MfeEntry m : s.mfes.after(null)) {
            if (m.mentions(e.slot)) {
                doomed.add(m);
            }
        }
        List<Deleted> deleted = new ArrayList<>(doomed.size());
        for (MfeEntry m : doomed) {
            deleted.add(detach(m));
        }
        return deleted;
    }

    /** Deletes an MFE from the table and the plane and alerts its components. */
    void delete(MfeEntry m, MfeDeletionReason reason, Outbox out) {
        announce(List.of(detach(m)), reason, out);
    }

    private Deleted detach(MfeEntry m) {
        List<Client> recipients = new ArrayList<>(2);
        addRecipient(recipients, s.componentOf(m.iif));
        SlotBits.forEach(m.oif, slot -> addRecipient(recipients, s.componentOf(s.interfaces.bySlot(slot))));
        s.mfes.remove(m);
        try {
            s.plane.remove(MgmState.address(m.source()), MgmState.address(m.group()));
        } catch (RuntimeException ex) {
            planeError("remove " + m, ex);
        }
        return new Deleted(m, recipients);
    }

    /** Counts the deletions and queues their deletion alerts (the OpenMGM addition to §4). */
    void announce(List<Deleted> deleted, MfeDeletionReason reason, Outbox out) {
        for (Deleted d : deleted) {
            MfeEntry m = d.mfe();
            s.interfaces.forgetIfUnused(m.iif);
            switch (reason) {
                case EXPIRED -> s.counters.mfesExpired.increment();
                case OWNERSHIP_CHANGED -> s.counters.mfesPurged.increment();
                case ROUTE_CHANGED -> s.counters.mfesRouteChanged.increment();
            }
            log.debug("Deleted MFE {} ({})", m, reason);
            SourceGroup sg = Ipv4.sourceGroup(m.key);
            InterfaceId iif = m.iif.id;
            for (Client c : d.recipients()) {
                out.add(c, CallbackKind.DELETION_ALERT, sg, p -> p.deletionAlert(sg, iif, reason));
            }
        }
    }

    private static void addRecipient(List<Client> recipients, Client c) {
        if (c != null && !recipients.contains(c)) {
            recipients.add(c);
        }
    }

    /** Installs (or replaces) the MFE in the plane. */
    void program(MfeEntry m) {
        program(m, MgmState.address(m.source()), MgmState.address(m.group()));
    }

    /** Installs (or replaces) the MFE in the plane, with its addresses at hand. */
    void program(MfeEntry m, InetAddress source, InetAddress group) {
        try {
            s.plane.install(new ForwardingEntry(source, group, m.iif.id, outgoing(m)));
        } catch (RuntimeException ex) {
            planeError("install " + m, ex);
        }
    }

    /** The OIFs as an immutable list in interface order (what the plane and the API want). */
    List<InterfaceId> outgoing(MfeEntry m) {
        InterfaceId[] ids = new InterfaceId[SlotBits.count(m.oif)];
        int[] n = {0};
        SlotBits.forEach(m.oif, slot -> ids[n[0]++] = s.idOf(slot));
        java.util.Arrays.sort(ids);
        return List.of(ids);
    }

    private void planeError(String what, RuntimeException ex) {
        s.counters.planeErrors.increment();
        log.error("Forwarding plane failed to {}: {}", what, ex.getMessage(), ex);
    }

    /** [RES Q28]: the OIF list went empty → non-empty; tell the iif owner (memberUpdate false). */
    void mfeJoinAlert(MfeEntry m, Outbox out) {
        mfeJoinAlert(m, null, out);
    }

    /** As {@link #mfeJoinAlert(MfeEntry, Outbox)}, with the entry's key at hand ({@code null}: make it). */
    void mfeJoinAlert(MfeEntry m, SourceGroup key, Outbox out) {
        Client owner = s.componentOf(m.iif);
        if (owner != null) {
            SourceGroup sg = key != null ? key : Ipv4.sourceGroup(m.key);
            out.add(owner, CallbackKind.JOIN_ALERT, sg, p -> p.joinAlert(sg, false));
        }
    }

    /**
     * [RES Q28]: the OIF list became empty (or the MFE was created negative); ask the iif owner
     * for the entry's lifetime (memberDelete false, §4.5.4).
     */
    void mfePruneAlert(MfeEntry m, Outbox out) {
        mfePruneAlert(m, null, out);
    }

    /** As {@link #mfePruneAlert(MfeEntry, Outbox)}, with the entry's key at hand ({@code null}: make it). */
    void mfePruneAlert(MfeEntry m, SourceGroup key, Outbox out) {
        Client owner = s.componentOf(m.iif);
        if (owner != null) {
            SourceGroup sg = key != null ? key : Ipv4.sourceGroup(m.key);
            InterfaceId iif = m.iif.id;
            Duration proposed = Duration.ofSeconds(s.settings.mfeDefaultTimeoutSec());
            out.add(owner, CallbackKind.PRUNE_ALERT, sg, p -> {
                Duration answer = p.pruneAlert(sg, iif, false, proposed);
                lifetimeAnswer.accept(m, answer == null ? proposed : answer);
            });
        }
    }

    /** Sets an MFE's lifetime from now ([RES Q20]); zero means it never ages. Re-arms its expiry. */
    void setLifetime(MfeEntry m, Duration lifetime) {
        setLifetimeFields(m, Math.max(0, lifetime.toMillis()));
        s.mfes.wheel.schedule(m);
    }

    /** Sets the lifetime fields only (for an entry not in the table yet); 0 = never ages. */
    void setLifetimeFields(MfeEntry m, long lifetimeMillis) {
        m.lifetimeMillis = lifetimeMillis;
        m.deadlineMillis = lifetimeMillis == 0 ? 0 : s.now() + lifetimeMillis;
    }

    /** The public form of an MFE at time {@code now}. */
    Mfe toApi(MfeEntry m, long now) {
        TreeSet<InterfaceId> oifs = new TreeSet<>(outgoing(m));
        Client owner = s.componentOf(m.iif);
        Optional<ProtocolId> protocol = owner == null ? Optional.empty() : Optional.of(owner.id);
        return new Mfe(Ipv4.sourceGroup(m.key), m.iif.id, MgmState.address(m.upstream), protocol, m.route,
                Duration.ofMillis(Math.max(0, now - m.createdMillis)),
                m.deadlineMillis == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, m.deadlineMillis - now)),
                Duration.ofMillis(m.lifetimeMillis), oifs);
    }
}
