package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.EnumerationType;
import org.openmgm.api.GroupEnumeration;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.Mfe;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.testing.ProtocolEvent.CreationAlert;
import org.openmgm.testing.ProtocolEvent.DeletionAlert;
import org.openmgm.testing.ProtocolEvent.DisableIgmp;
import org.openmgm.testing.ProtocolEvent.EnableIgmp;
import org.openmgm.testing.ProtocolEvent.JoinAlert;
import org.openmgm.testing.ProtocolEvent.LocalJoin;
import org.openmgm.testing.ProtocolEvent.LocalLeave;
import org.openmgm.testing.ProtocolEvent.PruneAlert;
import org.openmgm.testing.ProtocolEvent.Rpf;
import org.openmgm.testing.RecordingProtocol;

/**
 * One test per interaction sequence of spec §5, named after its section, asserting the exact
 * callbacks, their order and their arguments across all protocols. Cast of §5: routing protocols
 * A (owns if1, if2), B (owns if3, the interface toward the source S) and C (owns if4), and IGMP,
 * registered in that order.
 */
class SpecSequencesTest extends MgmFixture {

    static final ProtocolId A_ID = ProtocolId.of(100, 0);
    static final ProtocolId B_ID = ProtocolId.of(200, 0);
    static final ProtocolId IGMP_ID = ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0);

    RecordingProtocol a;
    RecordingProtocol b;
    RecordingProtocol c;
    RecordingProtocol igmp;

    @BeforeEach
    void cast() {
        a = register("A", 100);
        b = register("B", 200);
        c = register("C", 300);
        igmp = registerIgmp();
        handle(a).takeInterface(IF1);
        handle(a).takeInterface(IF2);
        handle(b).takeInterface(IF3);
        handle(c).takeInterface(IF4);
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF3, ip("10.3.0.254"));
        router.runPending();
        clearJournal();
    }

    /** Creates MFE (S,G) by a packet from S on B's if3 and forgets the callbacks it caused. */
    void createMfe() {
        router.inject(IF3, S, G);
        assertTrue(mgm.mfe(S, G).isPresent());
        clearJournal();
    }

    Set<InterfaceId> oifs() {
        return mgm.mfe(S, G).orElseThrow().outgoingInterfaces();
    }

    Set<InterfaceId> planeOifs() {
        return Set.copyOf(plane.entries().get(SG).outgoing());
    }

    @Test
    void section5_1_routingProtocolStartup() {
        handle(igmp).takeInterface(IF5);
        handle(igmp).addMembership(STAR_G, IF5);
        handle(igmp).addMembership(SourceGroup.of(S2, G2), IF5);
        clearJournal();

        // Steps 1-3: register, ask who owns the interfaces, take them (IF5 is IGMP_ONLY: bracket).
        RecordingProtocol d = register("D", 400);
        assertEquals(Optional.of(IGMP_ID), mgm.protocolOnInterface(IF5));
        assertEquals(Optional.empty(), mgm.protocolOnInterface(InterfaceId.of(6)));
        handle(d).takeInterface(IF5);
        assertStatus(MgmStatus.ALREADY_EXISTS, () -> handle(d).takeInterface(IF1));
        assertEquals(heard("igmp", new DisableIgmp(IF5)), heard().stream()
                .filter(h -> h.event() instanceof DisableIgmp).findFirst().orElseThrow());
        handle(igmp).addMembership(STAR_G, IF5);
        handle(igmp).addMembership(SourceGroup.of(S2, G2), IF5);

        // Steps 4-6: enumerate what existed, in batches, then end the enumeration.
        try (GroupEnumeration all = handle(d).openGroupEnumeration(EnumerationType.ALL_SOURCES)) {
            assertEquals(List.of(STAR_G), all.next(1));
            assertTrue(all.hasMore());
            assertEquals(List.of(SourceGroup.anySource(G2), SourceGroup.of(S2, G2)).subList(1, 2), all.next(5));
            assertFalse(all.hasMore());
            assertEquals(List.of(), all.next(5));
        }
        GroupEnumeration groups = handle(d).openGroupEnumeration(EnumerationType.ANY_SOURCE);
        assertEquals(List.of(STAR_G, SourceGroup.anySource(G2)), groups.next(10));
        groups.close();
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> groups.next(1));
    }

    @Test
    void section5_2_igmpStartup() {
        assertTrue(handle(igmp).isIgmp());
        handle(igmp).takeInterface(IF5);                          // UNOWNED -> IGMP_ONLY
        handle(igmp).takeInterface(IF1);                          // RP(A) -> RP_IGMP(A), no bracket
        assertEquals(List.of(), heard());

        handle(igmp).addMembership(STAR_G, IF5);                  // IGMP is the component on IF5

        assertEquals(List.of(heard("A", new JoinAlert(STAR_G, true)), heard("B", new JoinAlert(STAR_G, true)),
                heard("C", new JoinAlert(STAR_G, true))), heard());
    }

    @Test
    void section5_3_routingProtocolTakesAnInterfaceHeldByIgmp() {
        handle(igmp).takeInterface(IF5);
        handle(igmp).addMembership(STAR_G, IF5);
        createMfe();
        assertEquals(Set.of(IF5), oifs());

        handle(a).takeInterface(IF5);                                                 // step 1

        assertEquals(List.of(
                heard("igmp", new DisableIgmp(IF5)),                                     // step 2
                heard("A", new PruneAlert(STAR_G, IF5, true)),                           // step 3: all others
                heard("B", new PruneAlert(STAR_G, IF5, true)),
                heard("C", new PruneAlert(STAR_G, IF5, true)),
                heard("B", new DeletionAlert(SG, IF3, MfeDeletionReason.OWNERSHIP_CHANGED)), // step 4: purge
                heard("igmp", new DeletionAlert(SG, IF3, MfeDeletionReason.OWNERSHIP_CHANGED)),
                heard("igmp", new EnableIgmp(IF5))), heard());                           // step 6
        assertEquals(Optional.empty(), mgm.mfe(S, G));
        assertFalse(plane.entries().containsKey(SG));
        assertEquals(new InterfaceOwnership(IF5, Optional.of(A_ID), Optional.of(IGMP_ID)),
                mgm.interfaceOwnership(IF5).orElseThrow());                           // step 5

        handle(igmp).addMembership(STAR_G, IF5);                                      // step 7

        assertEquals(List.of(heard("A", new LocalJoin(STAR_G, IF5)),
                heard("B", new JoinAlert(STAR_G, true)), heard("C", new JoinAlert(STAR_G, true))), heard());
        router.inject(IF3, S, G);                                                     // step 8
        assertEquals(Set.of(IF5), oifs());
    }

    @Test
    void section5_4_addingAnySourceMemberships() {
        createMfe();                                               // negative so far
        assertEquals(Set.of(), oifs());

        handle(a).addMembership(STAR_G, IF1);                                         // step 1
        assertEquals(List.of(heard("B", new JoinAlert(STAR_G, true)), heard("C", new JoinAlert(STAR_G, true)),
                heard("igmp", new JoinAlert(STAR_G, true)), heard("B", new JoinAlert(SG, false))), heard());
        assertEquals(Set.of(IF1), oifs());

        handle(a).addMembership(STAR_G, IF2);                                         // step 2
        assertEquals(List.of(), heard());
        assertEquals(Set.of(IF1, IF2), oifs());

        handle(b).addMembership(STAR_G, IF3);                                         // step 3
        assertEquals(List.of(heard("A", new JoinAlert(STAR_G, true))), heard());
        assertEquals(Set.of(IF1, IF2), oifs(), "the iif is never an OIF");

        handle(c).addMembership(STAR_G, IF4);                                         // step 4
        assertEquals(List.of(), heard());
        assertEquals(Set.of(IF1, IF2, IF4), oifs());
        assertEquals(Set.of(IF1, IF2, IF4), planeOifs());

        handle(a).addMembership(STAR_G, IF1);                                         // step 5
        assertEquals(List.of(), heard());
    }

    @Test
    void section5_5_sourceSpecificJoin() {
        createMfe();

        handle(a).addMembership(SG, IF1);                                             // step 1
        assertEquals(List.of(heard("B", new JoinAlert(SG, true)), heard("B", new JoinAlert(SG, false))), heard());
        assertEquals(Set.of(IF1), oifs());

        handle(c).addMembership(SG, IF4);                                             // step 2
        assertEquals(List.of(), heard());

        handle(b).addMembership(SG, IF3);                                             // step 3
        assertEquals(List.of(), heard());
        assertEquals(Set.of(IF1, IF4), oifs());
    }

    @Test
    void section5_5_theOwnerTowardTheSourceJoiningFirstAlertsNobody() {
        handle(b).takeInterface(IF5);
        handle(b).addMembership(SG, IF5);
        assertEquals(List.of(), heard());

        handle(a).addMembership(SG, IF1);                          // second component: nobody
        assertEquals(List.of(), heard());
    }

    @Test
    void section5_6_igmpMembershipOnAnInterfaceOwnedByARoutingProtocol() {
        handle(igmp).takeInterface(IF1);
        createMfe();

        handle(igmp).addMembership(STAR_G, IF1);                                      // steps 1-4
        assertEquals(List.of(heard("A", new LocalJoin(STAR_G, IF1)),
                heard("B", new JoinAlert(STAR_G, true)), heard("C", new JoinAlert(STAR_G, true)),
                heard("B", new JoinAlert(SG, false))), heard());
        assertEquals(Set.of(IF1), oifs());

        handle(igmp).deleteMembership(STAR_G, IF1);                                   // step 5
        assertEquals(List.of(heard("A", new LocalLeave(STAR_G, IF1)),
                heard("B", new PruneAlert(STAR_G, IF1, true)), heard("C", new PruneAlert(STAR_G, IF1, true)),
                heard("B", new PruneAlert(SG, IF3, false))), heard());
        assertEquals(Set.of(), oifs());

        handle(igmp).takeInterface(IF5);                                              // step 6
        clearJournal();
        handle(igmp).addMembership(STAR_G, IF5);
        assertEquals(List.of(heard("A", new JoinAlert(STAR_G, true)), heard("B", new JoinAlert(STAR_G, true)),
                heard("C", new JoinAlert(STAR_G, true)), heard("B", new JoinAlert(SG, false))), heard());
    }

    @Test
    void section5_7_deletingAnySourceMemberships() {
        createMfe();
        handle(a).addMembership(STAR_G, IF1);
        handle(a).addMembership(STAR_G, IF2);
        handle(b).addMembership(STAR_G, IF3);
        handle(c).addMembership(STAR_G, IF4);
        b.answerPruneLifetime(Duration.ofSeconds(42));
        clearJournal();

        handle(c).deleteMembership(STAR_G, IF4);                                      // step 1
        assertEquals(List.of(), heard());
        assertEquals(Set.of(IF1, IF2), oifs());

        handle(b).deleteMembership(STAR_G, IF3);                                      // step 2
        assertEquals(List.of(heard("A", new PruneAlert(STAR_G, IF3, true))), heard());

        handle(a).deleteMembership(STAR_G, IF1);                                      // step 3
        assertEquals(List.of(), heard());

        handle(a).deleteMembership(STAR_G, IF2);                                      // step 4
        assertEquals(List.of(heard("B", new PruneAlert(STAR_G, IF2, true)),
                heard("C", new PruneAlert(STAR_G, IF2, true)), heard("igmp", new PruneAlert(STAR_G, IF2, true)),
                heard("B", new PruneAlert(SG, IF3, false))), heard());
        Mfe negative = mgm.mfe(S, G).orElseThrow();
        assertTrue(negative.isNegative());
        assertEquals(Duration.ofSeconds(42), negative.lifetime(), "B's answer is the MFE's lifetime");
        assertEquals(Duration.ofSeconds(42), negative.expiresIn());

        handle(a).deleteMembership(STAR_G, IF2);                                      // step 5
        assertEquals(List.of(), heard());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(b).deleteMembership(STAR_G, IF1)); // step 6
        assertStatus(MgmStatus.NOT_FOUND, () -> handle(b).deleteMembership(STAR_G, IF5));         // step 7
    }

    @Test
    void section5_8_newPacketArrivalCreatesAnMfe() {
        handle(a).addMembership(STAR_G, IF1);
        handle(c).addMembership(STAR_G, IF4);
        clearJournal();

        PacketSimulator.Delivery first = plane.inject(IF3, S, G, 100);                // step 1
        assertEquals(PacketSimulator.Outcome.QUEUED, first.outcome());
        router.runPending();

        assertEquals(List.of(heard("B", new Rpf(SG, IF3)),                                          // step 4
                heard("A", new CreationAlert(SG, IF3, List.of(new CandidateInterface(IF1, false)))), // step 6
                heard("C", new CreationAlert(SG, IF3, List.of(new CandidateInterface(IF4, false)))),
                heard("B", new JoinAlert(SG, false))), heard());                                     // step 8
        Mfe m = mgm.mfe(S, G).orElseThrow();                                                          // step 5
        assertEquals(IF3, m.incomingInterface());
        assertEquals(ip("10.3.0.254"), m.upstreamNeighbor());
        assertEquals(Optional.of(B_ID), m.incomingProtocol());
        assertEquals(Prefix.parse("10.0.0.0/8"), m.route().network());
        assertEquals(Duration.ofSeconds(900), m.lifetime());
        assertEquals(Set.of(IF1, IF4), m.outgoingInterfaces());                                     // step 7
        assertEquals(1, plane.interfaceCounters().get(IF1).packetsOut(), "the queued packet was forwarded");
        PacketSimulator.Delivery later = plane.inject(IF3, S, G, 100);                              // step 9
        assertEquals(List.of(IF1, IF4), later.forwardedTo());
    }

    @Test
    void section5_8_aRefusedCandidateIsSuppressedAndTheRpfCallbackMayMoveTheIif() {
        handle(a).addMembership(STAR_G, IF1);
        handle(a).addMembership(STAR_G, IF2);
        handle(c).addMembership(STAR_G, IF4);
        c.refuse(IF4);
        b.answerRpf(p -> new org.openmgm.spi.ReversePath(IF2, ip("10.2.0.1"), p.route()));
        clearJournal();

        router.inject(IF3, S, G);

        Mfe m = mgm.mfe(S, G).orElseThrow();
        assertEquals(IF2, m.incomingInterface(), "the RPF callback moved the iif");
        assertEquals(Optional.of(A_ID), m.incomingProtocol(), "alerts now go to the iif's owner");
        assertEquals(Set.of(IF1), m.outgoingInterfaces(), "if2 is the iif, if4 was refused");
        List<Heard> h = heard();
        assertEquals(heard("A", new CreationAlert(SG, IF2, List.of(new CandidateInterface(IF1, false)))), h.get(1));
        assertTrue(h.contains(heard("A", new JoinAlert(SG, false))), h.toString());
        assertTrue(h.contains(heard("B", new org.openmgm.testing.ProtocolEvent.WrongInterface(S, G, IF3))),
                "the triggering packet came on if3, not the iif: " + h);

        handle(c).addMembership(SG, IF4);                          // an explicit new join clears SUPPRESSED
        assertEquals(Set.of(IF1, IF4), oifs());
    }

    @Test
    void section5_8_noRouteUsesTheArrivalInterfaceAndAnUnownedIifGivesASilentNegativeMfe() {
        assertTrue(plane.removeRoute(Prefix.parse("10.0.0.0/8")));
        router.runPending();
        clearJournal();

        router.inject(IF1, S2, G);                                 // no route: RPF to the arrival's owner
        assertEquals(List.of(heard("A", new Rpf(SourceGroup.of(S2, G), IF1)),
                heard("A", new PruneAlert(SourceGroup.of(S2, G), IF1, false))), heard());
        assertEquals(Optional.of(A_ID), mgm.mfe(S2, G).orElseThrow().incomingProtocol());

        plane.addRoute(Prefix.parse("10.1.0.0/16"), InterfaceId.of(9), ip("10.9.0.1"));
        plane.addInterface(InterfaceId.of(9));                      // a link the MGM does not hold
        router.runPending();
        clearJournal();
        router.inject(InterfaceId.of(9), S, G);                    // candidate iif unowned ([RES Q19])
        Mfe negative = mgm.mfe(S, G).orElseThrow();
        assertTrue(negative.isNegative());
        assertEquals(InterfaceId.of(9), negative.incomingInterface());
        assertEquals(Optional.empty(), negative.incomingProtocol());
        assertEquals(Duration.ofSeconds(900), negative.lifetime());
        assertEquals(List.of(), heard());
    }

    @Test
    void section5_9_membershipAndForwardStateOnAnExistingMfe() {
        createMfe();
        Set<MembershipFlag> forward = EnumSet.of(MembershipFlag.FORWARD);

        handle(a).addMembership(SG, IF1);                           // JOIN add: OIF, was empty -> join alert
        assertEquals(List.of(heard("B", new JoinAlert(SG, true)), heard("B", new JoinAlert(SG, false))), heard());
        handle(a).addMembership(STAR_G, IF1);
        handle(a).deleteMembership(SG, IF1);                        // (*,G) remains on if1: no change
        assertEquals(Set.of(IF1), oifs());
        clearJournal();

        handle(c).addMembership(SG, IF4, forward);                  // FORWARD add: forced, no membership alerts
        assertEquals(Set.of(IF1, IF4), oifs());
        assertEquals(List.of(), heard());
        assertTrue(mgm.memberships().stream().noneMatch(ms -> ms.ifId().equals(IF4)), "FORWARD records nothing");

        handle(a).deleteMembership(STAR_G, IF1, forward);           // FORWARD delete: suppressed despite (*,G)
        assertEquals(Set.of(IF4), oifs());
        handle(c).deleteMembership(SG, IF4, forward);               // last OIF gone -> MFE prune alert
        assertEquals(Set.of(), oifs());
        assertEquals(List.of(heard("B", new PruneAlert(SG, IF3, false))), heard());

        handle(a).addMembership(STAR_G, IF1);                       // duplicate: no-op, stays suppressed
        assertEquals(Set.of(), oifs());
        handle(a).addMembership(SG, IF1);                           // a new JOIN on if1 clears SUPPRESSED
        assertEquals(Set.of(IF1), oifs());
        handle(b).addMembership(STAR_G, IF3, EnumSet.allOf(MembershipFlag.class)); // on the iif: nothing
        assertEquals(Set.of(IF1), oifs());
        assertEquals(Set.of(IF1), planeOifs());
    }

    @Test
    void section5_10_anMfeExpiresAtTheEndOfItsLifetimeAndIsCreatedAgainByTheNextPacket() {
        handle(a).addMembership(STAR_G, IF1);
        createMfe();

        scheduler.advance(Duration.ofSeconds(899));
        assertTrue(mgm.mfe(S, G).isPresent());
        assertEquals(Duration.ofSeconds(1), mgm.mfe(S, G).orElseThrow().expiresIn());
        scheduler.advance(Duration.ofSeconds(2));

        assertEquals(Optional.empty(), mgm.mfe(S, G));
        assertFalse(plane.entries().containsKey(SG));
        assertEquals(List.of(heard("B", new DeletionAlert(SG, IF3, MfeDeletionReason.EXPIRED)),
                heard("A", new DeletionAlert(SG, IF3, MfeDeletionReason.EXPIRED))), heard());
        router.inject(IF3, S, G);
        assertEquals(Set.of(IF1), oifs());
    }

    @Test
    void section5_10_aPruneAlertSetsTheLifetimeAndZeroMeansForever() {
        b.answerPruneLifetime(Duration.ZERO);
        createMfe();                                                 // negative: B answers "forever"
        Mfe m = mgm.mfe(S, G).orElseThrow();
        assertEquals(Duration.ZERO, m.lifetime());
        assertEquals(Duration.ZERO, m.expiresIn());

        scheduler.advance(Duration.ofDays(2));

        assertTrue(mgm.mfe(S, G).isPresent());
        assertEquals(Duration.ofDays(2), mgm.mfe(S, G).orElseThrow().upTime());
    }

    @Test
    void section5_11_aPacketOnTheWrongInterfaceAlertsTheOwnerOfThatInterfaceRateLimited() {
        handle(c).addMembership(STAR_G, IF4);
        createMfe();

        assertEquals(PacketSimulator.Outcome.DROPPED_WRONG_INTERFACE, router.inject(IF1, S, G).outcome());
        assertEquals(List.of(heard("A", new org.openmgm.testing.ProtocolEvent.WrongInterface(S, G, IF1))), heard());
        router.inject(IF1, S, G);
        assertEquals(List.of(), heard(), "at most one alert per (S,G, interface) per second");
        scheduler.advance(Duration.ofMillis(1001));
        router.inject(IF1, S, G);
        assertEquals(1, heard().size());
        assertEquals(3, mgm.mfeStatistics(S, G).orElseThrow().counters().packetsDifferentInterface());
    }

    @Test
    void section5_12_releasingAnInterfaceSharedWithIgmp() {
        handle(igmp).takeInterface(IF1);
        handle(a).addMembership(STAR_G, IF1);
        handle(igmp).addMembership(SourceGroup.anySource(G2), IF1);
        clearJournal();

        handle(a).releaseInterface(IF1);                                             // step 1

        assertEquals(List.of(
                heard("igmp", new DisableIgmp(IF1)),                                    // step 2
                heard("B", new PruneAlert(STAR_G, IF1, true)),                          // step 3: A's first
                heard("C", new PruneAlert(STAR_G, IF1, true)),
                heard("igmp", new PruneAlert(STAR_G, IF1, true)),                       // all but A ([RES Q7])
                heard("A", new LocalLeave(SourceGroup.anySource(G2), IF1)),             // then IGMP's
                heard("B", new PruneAlert(SourceGroup.anySource(G2), IF1, true)),
                heard("C", new PruneAlert(SourceGroup.anySource(G2), IF1, true)),
                heard("igmp", new EnableIgmp(IF1))), heard());                          // step 6
        assertEquals(Optional.of(IGMP_ID), mgm.protocolOnInterface(IF1));               // step 5

        handle(igmp).addMembership(SourceGroup.anySource(G2), IF1);                     // step 7
        assertEquals(List.of(heard("A", new JoinAlert(SourceGroup.anySource(G2), true)),
                heard("B", new JoinAlert(SourceGroup.anySource(G2), true)),
                heard("C", new JoinAlert(SourceGroup.anySource(G2), true))), heard());
    }

    @Test
    void section5_13_routingProtocolShutdown() {
        handle(a).addMembership(STAR_G, IF1);
        handle(c).addMembership(STAR_G, IF4);
        createMfe();
        assertEquals(Set.of(IF1, IF4), oifs());

        mgm.depart(client(a));

        assertEquals(List.of(heard("C", new PruneAlert(STAR_G, IF1, true)),   // A was the first component
                heard("B", new DeletionAlert(SG, IF3, MfeDeletionReason.OWNERSHIP_CHANGED)),
                heard("C", new DeletionAlert(SG, IF3, MfeDeletionReason.OWNERSHIP_CHANGED)),
                heard("A", new org.openmgm.testing.ProtocolEvent.Detached(A_ID))), heard());
        assertEquals(Optional.empty(), mgm.protocol(A_ID));
        assertEquals(Optional.empty(), mgm.mfe(S, G));
        assertTrue(plane.entries().isEmpty());
        assertEquals(List.of(IF3, IF4), mgm.interfaces().stream().map(InterfaceOwnership::id).toList());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).addMembership(STAR_G, IF1));
    }

    @Test
    void section5_15_upstreamNeighbourChange() {
        createMfe();
        Mfe before = mgm.mfe(S, G).orElseThrow();                                      // step 1

        handle(b).setMfeUpstreamNeighbor(S, G, ip("10.3.0.9"));                       // step 2

        Mfe after = mgm.mfe(S, G).orElseThrow();
        assertEquals(ip("10.3.0.9"), after.upstreamNeighbor());
        assertEquals(before.outgoingInterfaces(), after.outgoingInterfaces());
        assertEquals(before.incomingInterface(), after.incomingInterface());
        assertEquals(List.of(), heard());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).setMfeUpstreamNeighbor(S, G, ip("10.3.0.1")));
        assertStatus(MgmStatus.NOT_FOUND, () -> handle(b).setMfeUpstreamNeighbor(S2, G, ip("10.3.0.1")));
        assertEquals(ip("10.3.0.9"), mgm.mfe(S, G).orElseThrow().upstreamNeighbor());
    }
}
