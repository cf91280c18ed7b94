package org.openmgm.core.impl;

import java.util.List;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.spi.MfeDeletionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interface ownership transitions T1–T12 of spec §2.5 (§3.3, §3.4, §5.3, §5.12): the membership
 * removals of [RES Q13]/[RES Q15], the MFE purge of [RES Q12], the forwarding plane's interfaces,
 * and the disable/enable bracket. Runs under the MGM lock; the bracket is opened here (DisableIgmp
 * goes first into the outbox) and closed by the caller after delivering the outbox.
 */
final class OwnershipOps {

    private static final Logger log = LoggerFactory.getLogger(OwnershipOps.class);

    private final MgmState s;
    private final MembershipOps memberships;
    private final MfeOps mfes;

    OwnershipOps(MgmState s, MembershipOps memberships, MfeOps mfes) {
        this.s = s;
        this.memberships = memberships;
        this.mfes = mfes;
    }

    /** Spec §3.3. Returns the interface whose bracket the caller must close, or {@code null}. */
    InterfaceEntry take(Client c, InterfaceId ifId, Outbox out) {
        InterfaceEntry e = s.interfaces.get(ifId);
        ensureNoBracket(e);
        boolean wasHeld = e != null && e.isHeld();
        String before = e == null ? "UNOWNED" : e.stateName();
        InterfaceEntry bracket = null;
        if (c.igmp) {
            if (e != null && e.igmp) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, "IGMP already holds " + ifId);           // T7
            }
            e = s.interfaces.getOrCreate(ifId);
            List<MfeOps.Deleted> purged = mfes.detachMentioning(e);                                // [RES Q12]
            e.igmp = true;                                                                         // T5, T6
            mfes.announce(purged, MfeDeletionReason.OWNERSHIP_CHANGED, out);
        } else {
            if (e != null && e.routingOwner == c) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, c + " already owns " + ifId);          // T4
            }
            if (e != null && e.routingOwner != null) {
                throw new MgmException(MgmStatus.ALREADY_EXISTS, ifId + " is owned by " + e.routingOwner
                        + "; one routing protocol per interface");                                 // T3
            }
            e = s.interfaces.getOrCreate(ifId);
            List<MfeOps.Deleted> purged = mfes.detachMentioning(e);                                // [RES Q12]
            if (e.igmp) {                                                                          // T2
                bracket = openBracket(e, out);
                memberships.removeAll(s.igmpClient, e, out);                                       // [RES Q13]
            }
            e.routingOwner = c;                         // before announcing: an unheld entry would be forgotten
            mfes.announce(purged, MfeDeletionReason.OWNERSHIP_CHANGED, out);                       // T1, T2
        }
        changed(c, e, wasHeld, true);
        log.info("{} took {}: {} -> {}", c, ifId, before, e.stateName());
        return bracket;
    }

    /** Spec §3.4. Returns the interface whose bracket the caller must close, or {@code null}. */
    InterfaceEntry release(Client c, InterfaceId ifId, Outbox out) {
        InterfaceEntry e = s.interfaces.held(ifId);
        boolean holds = e != null && (c.igmp ? e.igmp : e.routingOwner == c);
        if (!holds) {
            throw MgmException.invalid(c + " does not hold " + ifId + " (interface not found)");           // T12
        }
        ensureNoBracket(e);
        String before = e.stateName();
        InterfaceEntry bracket = null;
        if (!c.igmp && e.igmp) {
            bracket = openBracket(e, out);                                                         // T9
        }
        List<MfeOps.Deleted> purged = mfes.detachMentioning(e);                                    // [RES Q12]
        memberships.removeAll(c, e, out);                                  // [RES Q15]; IGMP's: local leaves to P
        if (bracket != null) {
            memberships.removeAll(s.igmpClient, e, out);                                           // [RES Q13]
        }
        mfes.announce(purged, MfeDeletionReason.OWNERSHIP_CHANGED, out);
        if (c.igmp) {
            e.igmp = false;                                                                        // T10, T11
        } else {
            e.routingOwner = null;                                                                 // T8, T9
        }
        changed(c, e, true, false);
        log.info("{} released {}: {} -> {}", c, ifId, before, e.isHeld() ? e.stateName() : "UNOWNED");
        if (!e.isHeld()) {
            s.interfaces.forgetIfUnused(e);
        }
        return bracket;
    }

    private void changed(Client c, InterfaceEntry e, boolean wasHeld, boolean taken) {
        s.ownershipEpoch++;
        if (taken) {
            c.interfaces.add(e.id);
        } else {
            c.interfaces.remove(e.id);
        }
        try {
            if (!wasHeld && e.isHeld()) {
                s.plane.addInterface(e.id);
            } else if (wasHeld && !e.isHeld()) {
                s.plane.removeInterface(e.id);
            }
        } catch (RuntimeException ex) {
            s.counters.planeErrors.increment();
            log.error("Forwarding plane failed to {} interface {}: {}", e.isHeld() ? "add" : "remove", e.id,
                    ex.getMessage(), ex);
        }
    }

    /** Opens a disable/enable bracket on an interface IGMP holds (spec §4.9). */
    private InterfaceEntry openBracket(InterfaceEntry e, Outbox out) {
        e.igmpDisabled = true;
        InterfaceId ifId = e.id;
        out.add(s.igmpClient, CallbackKind.DISABLE_IGMP, ifId, p -> p.disableIgmp(ifId));
        return e;
    }

    static void ensureNoBracket(InterfaceEntry e) {
        if (e != null && e.igmpDisabled) {
            throw new MgmException(MgmStatus.CAN_NOT_COMPLETE, "ownership of " + e.id
                    + " is changing (IGMP disable/enable in progress); try again");
        }
    }
}
