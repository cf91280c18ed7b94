package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Membership;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.Mfe;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.testing.ProtocolEvent.EnableIgmp;
import org.openmgm.testing.ProtocolEvent.JoinAlert;
import org.openmgm.testing.ProtocolEvent.LocalLeave;
import org.openmgm.testing.ProtocolEvent.PruneAlert;
import org.openmgm.testing.RecordingProtocol;

/**
 * Spec §2.6, §3.6, §3.7 with [RES Q1], [RES Q16], [RES Q17], [RES Q33], [RES Q43], [RES Q45]:
 * who may change which membership, what is refused with which error (changing nothing), and the
 * (*,*) rules.
 */
class MembershipRulesTest extends MgmFixture {

    RecordingProtocol a;
    RecordingProtocol b;
    RecordingProtocol igmp;

    @BeforeEach
    void cast() {
        a = register("A", 100);
        b = register("B", 200);
        igmp = registerIgmp();
        handle(a).takeInterface(IF1);
        handle(b).takeInterface(IF3);
        handle(igmp).takeInterface(IF5);
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF3, ip("10.3.0.254"));
        router.runPending();
        handle(a).addMembership(STAR_G, IF1);
        router.inject(IF3, S, G);
        clearJournal();
    }

    /** Asserts that a call fails with the status and leaves memberships, MFEs and callbacks untouched. */
    void assertRefused(MgmStatus status, Executable call) {
        List<Membership> memberships = mgm.memberships();
        List<Mfe> mfes = mgm.mfes().map(m -> m).toList();
        assertStatus(status, call);
        assertEquals(memberships, mgm.memberships());
        assertEquals(mfes.stream().map(Mfe::outgoingInterfaces).toList(),
                mgm.mfes().map(Mfe::outgoingInterfaces).toList());
        assertEquals(List.of(), heard());
    }

    @Test
    void aCallerMayOnlyChangeMembershipOnInterfacesItHolds() {
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(b).addMembership(STAR_G, IF1));      // A's
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(a).addMembership(STAR_G, IF5));      // IGMP only
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(igmp).addMembership(STAR_G, IF1));   // IGMP absent
        assertRefused(MgmStatus.NOT_FOUND, () -> handle(a).addMembership(STAR_G, IF4));              // nobody
        assertRefused(MgmStatus.NOT_FOUND, () -> handle(a).deleteMembership(STAR_G, IF4));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(b).deleteMembership(STAR_G, IF1));
    }

    @Test
    void malformedArgumentsAreInvalidParameters() throws Exception {
        InetAddress v6 = InetAddress.getByName("ff3e::1");
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> SourceGroup.of(G, G));                     // multicast source
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> SourceGroup.of(S, S2));                    // unicast group
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> SourceGroup.anySource(S));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> new SourceGroup(Prefix.host(S), Prefix.ANY_V4)); // (S,*)
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> new SourceGroup(Prefix.parse("10.0.0.0/8"), Prefix.host(G)));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> new SourceGroup(Prefix.ANY_V4, Prefix.parse("239.0.0.0/8")));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> Prefix.of(S, 0));                          // inconsistent mask
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> Prefix.of(S, 33));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> SourceGroup.of(ip("0.0.0.0"), G));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> SourceGroup.of(S, v6));                     // families
        assertRefused(MgmStatus.INVALID_PARAMETER,
                () -> handle(a).addMembership(SourceGroup.anySource(v6), IF1));                       // IPv6 not yet
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(a).addMembership(STAR_G, IF1, Set.of()));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(a).addMembership(STAR_G, IF1, null));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(a).addMembership(null, IF1));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(a).deleteMembership(STAR_G, null));
    }

    @Test
    void aDepartedProtocolsHandleIsInvalid() {
        mgm.depart(client(b));
        clearJournal();
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(b).addMembership(STAR_G, IF3));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(b).deleteMembership(STAR_G, IF3));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(b).setMfeUpstreamNeighbor(S, G, S2));
        assertRefused(MgmStatus.INVALID_PARAMETER, () -> handle(b).openGroupEnumeration(
                org.openmgm.api.EnumerationType.ALL_SOURCES));
    }

    @Test
    void theMembershipLimitIsNotEnoughMemory() {
        MulticastGroupManager limited = withSettings(Map.of(MgmSettings.MAX_MEMBERSHIPS, "2"));
        RecordingProtocol p = new RecordingProtocol(r -> r.takeInterface(IF1));
        limited.register(ProtocolId.of(7, 0), "p", "b", p);
        p.requireRegistration().addMembership(STAR_G, IF1);
        p.requireRegistration().addMembership(SG, IF1);

        assertStatus(MgmStatus.NOT_ENOUGH_MEMORY, () -> p.requireRegistration().addMembership(STAR_STAR, IF1));
        p.requireRegistration().addMembership(SG, IF1);             // a duplicate needs no room
        assertEquals(2, limited.memberships().size());
    }

    @Test
    void entriesAreASetNotACounter() {
        handle(a).addMembership(STAR_G, IF1);                       // duplicate: no callbacks
        assertEquals(List.of(), heard());
        handle(a).deleteMembership(STAR_G, IF1);                    // one delete removes it
        assertTrue(mgm.memberships().isEmpty());
        clearJournal();
        handle(a).deleteMembership(STAR_G, IF1);                    // absent: no-op
        assertEquals(List.of(), heard());
    }

    @Test
    void wildcardMembershipsFollowTheAnySourceRules() {
        handle(a).addMembership(STAR_STAR, IF1);                    // first component: everybody else
        assertEquals(List.of(heard("B", new JoinAlert(STAR_STAR, true)), heard("igmp", new JoinAlert(STAR_STAR, true))),
                heard());
        handle(igmp).addMembership(STAR_STAR, IF5);                 // second: the first only
        assertEquals(List.of(heard("A", new JoinAlert(STAR_STAR, true))), heard());
        handle(b).addMembership(STAR_STAR, IF3);                    // third: nobody
        assertEquals(List.of(), heard());
        assertTrue(mgm.mfe(S, G).orElseThrow().outgoingInterfaces().contains(IF5), "(*,*) matches every MFE");

        handle(b).deleteMembership(STAR_STAR, IF3);
        handle(igmp).deleteMembership(STAR_STAR, IF5);              // one remains: tell it
        assertEquals(List.of(heard("A", new PruneAlert(STAR_STAR, IF5, true))), heard());
        handle(a).deleteMembership(STAR_STAR, IF1);                 // none remains: everybody else
        assertEquals(List.of(heard("B", new PruneAlert(STAR_STAR, IF1, true)),
                heard("igmp", new PruneAlert(STAR_STAR, IF1, true))), heard());
    }

    @Test
    void igmpReleasingASharedInterfaceSendsLocalLeavesWithoutBracket() {
        handle(igmp).takeInterface(IF1);
        handle(igmp).addMembership(SourceGroup.anySource(G2), IF1);
        clearJournal();

        handle(igmp).releaseInterface(IF1);                         // T11

        assertEquals(List.of(heard("A", new LocalLeave(SourceGroup.anySource(G2), IF1)),
                heard("B", new PruneAlert(SourceGroup.anySource(G2), IF1, true))), heard());
    }

    @Test
    void whenEnableIgmpIsDeliveredIgmpHoldsNoMembershipThere() {
        handle(igmp).addMembership(STAR_G, IF5);
        handle(igmp).addMembership(SG, IF5);
        RecordingProtocol checkingIgmp = igmp;
        List<Membership> atEnable = new java.util.ArrayList<>();
        mgm.depart(client(checkingIgmp));
        RecordingProtocol igmp2 = register(ProtocolId.IGMP_PROTOCOL, new Journaling("igmp2") {
            @Override
            public void enableIgmp(InterfaceId ifId) {
                super.enableIgmp(ifId);
                atEnable.addAll(mgm.memberships().stream().filter(m -> m.ifId().equals(ifId)).toList());
            }
        });
        handle(igmp2).takeInterface(IF5);
        handle(igmp2).addMembership(STAR_G, IF5);
        clearJournal();

        handle(a).takeInterface(IF5);                               // spec §2.13 invariant 7

        assertTrue(heard().contains(heard("igmp2", new EnableIgmp(IF5))));
        assertEquals(List.of(), atEnable);
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).addMembership(STAR_G, IF5, EnumSet.noneOf(MembershipFlag.class)));
    }
}
