package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Membership;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.Prefix;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.PacketSimulator.Outcome;
import org.openmgm.testing.ProtocolEvent.CreationAlert;
import org.openmgm.testing.ProtocolEvent.JoinAlert;
import org.openmgm.testing.ProtocolEvent.PruneAlert;
import org.openmgm.testing.RecordingProtocol;

/**
 * OpenMGM A9: sources excluded from a (*,G) membership (IGMPv3 EXCLUDE mode). A (*,G) membership
 * with S excluded does not match data from S, on existing MFEs and on those created later, and
 * only for the client that excluded it.
 */
class ExcludedSourcesTest extends MgmFixture {

    static final InetAddress S3 = ip("10.3.3.3");

    RecordingProtocol up;
    RecordingProtocol down;
    RecordingProtocol igmp;

    @BeforeEach
    void cast() {
        up = register("UP", 100);               // owns the interface toward the sources
        down = register("DOWN", 200);           // a routing protocol on a downstream interface
        igmp = registerIgmp();
        handle(up).takeInterface(IF1);
        handle(down).takeInterface(IF2);
        handle(igmp).takeInterface(IF2);        // RP_IGMP(DOWN)
        handle(igmp).takeInterface(IF3);        // IGMP_ONLY
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.0.0.254"));
        router.runPending();
        clearJournal();
    }

    List<InterfaceId> oifs(InetAddress source) {
        return List.copyOf(mgm.mfe(source, G).orElseThrow().outgoingInterfaces());
    }

    @Test
    void anExcludedSourceIsNotForwardedWhenItsEntryIsCreatedLater() {
        handle(igmp).setExcludedSources(G, IF3, Set.of(S));
        handle(igmp).addMembership(STAR_G, IF3);

        router.inject(IF1, S, G);
        router.inject(IF1, S2, G);

        assertEquals(List.of(), oifs(S), "S is excluded on IF3");
        assertEquals(List.of(IF3), oifs(S2));
        assertEquals(Outcome.DROPPED_NEGATIVE, plane.inject(IF1, S, G, 100).outcome());
        assertEquals(List.of(IF3), plane.inject(IF1, S2, G, 100).forwardedTo());
    }

    @Test
    void excludingASourceStopsAnExistingEntryAndIncludingItAgainRestoresIt() {
        handle(igmp).addMembership(STAR_G, IF3);
        router.inject(IF1, S, G);
        assertEquals(List.of(IF3), oifs(S));
        clearJournal();

        handle(igmp).setExcludedSources(G, IF3, Set.of(S, S3));

        assertEquals(List.of(), oifs(S));
        assertEquals(List.of(heard("UP", new PruneAlert(SG, IF1, false))), heard(),
                "only the MFE-level prune alert to the iif owner, as for FORWARD");
        assertEquals(Set.of(S, S3), mgm.memberships().get(0).excludedSources());
        clearJournal();

        handle(igmp).setExcludedSources(G, IF3, Set.of(S3));

        assertEquals(List.of(IF3), oifs(S));
        assertEquals(List.of(heard("UP", new JoinAlert(SG, false))), heard());
    }

    @Test
    void anotherMatchingMembershipOnTheInterfaceKeepsForwarding() {
        handle(down).addMembership(STAR_G, IF2);
        handle(igmp).addMembership(STAR_G, IF2);
        router.inject(IF1, S, G);

        handle(igmp).setExcludedSources(G, IF2, Set.of(S));

        assertEquals(List.of(IF2), oifs(S), "DOWN's own (*,G) on IF2 still matches S");
        handle(down).deleteMembership(STAR_G, IF2);
        assertEquals(List.of(), oifs(S), "now nothing on IF2 matches S");
    }

    @Test
    void anExcludedSourceWithItsOwnJoinIsForwarded() {
        handle(igmp).setExcludedSources(G, IF3, Set.of(S));
        handle(igmp).addMembership(STAR_G, IF3);
        handle(igmp).addMembership(SG, IF3);

        router.inject(IF1, S, G);

        assertEquals(List.of(IF3), oifs(S), "the (S,G) membership matches whatever (*,G) excludes");
    }

    @Test
    void theExclusionGoesWithTheWildcardMembership() {
        handle(igmp).setExcludedSources(G, IF3, Set.of(S));
        handle(igmp).addMembership(STAR_G, IF3);
        handle(igmp).deleteMembership(STAR_G, IF3);
        handle(igmp).addMembership(STAR_G, IF3);

        router.inject(IF1, S, G);

        assertEquals(List.of(IF3), oifs(S), "deleting (*,G) cleared its exclusions");
        assertEquals(Set.of(), mgm.memberships().get(0).excludedSources());
    }

    @Test
    void losingTheInterfaceClearsExclusionsSetBeforeAnyJoin() {
        handle(igmp).setExcludedSources(G, IF3, Set.of(S));
        handle(igmp).releaseInterface(IF3);
        handle(igmp).takeInterface(IF3);
        handle(igmp).addMembership(STAR_G, IF3);

        router.inject(IF1, S, G);

        assertEquals(List.of(IF3), oifs(S));
    }

    @Test
    void creationAlertsDoNotOfferAnInterfaceWhoseOnlyMatchExcludesTheSource() {
        handle(igmp).setExcludedSources(G, IF2, Set.of(S));
        handle(igmp).addMembership(STAR_G, IF2);           // on DOWN's interface
        handle(igmp).addMembership(STAR_G, IF3);
        clearJournal();

        router.inject(IF1, S, G);

        assertTrue(heard().stream().noneMatch(h -> h.by().equals("DOWN") && h.event() instanceof CreationAlert),
                "DOWN has no candidate for S: " + heard());
        assertEquals(List.of(IF3), oifs(S));
    }

    @Test
    void exclusionsOfOneClientDoNotTouchAnother() {
        handle(down).setExcludedSources(G, IF2, Set.of(S));
        handle(igmp).addMembership(STAR_G, IF2);

        router.inject(IF1, S, G);

        assertEquals(List.of(IF2), oifs(S), "DOWN excluded S from its own (*,G), which it does not even hold");
        assertEquals(List.of(new Membership(client(igmp).id, STAR_G, IF2)), mgm.memberships());
    }

    @Test
    void aSuppressedInterfaceStaysSuppressedWhenASourceIsNoLongerExcluded() {
        handle(igmp).addMembership(STAR_G, IF3);
        router.inject(IF1, S, G);
        handle(igmp).deleteMembership(SG, IF3, EnumSet.of(MembershipFlag.FORWARD));    // suppress
        handle(igmp).setExcludedSources(G, IF3, Set.of(S));
        handle(igmp).setExcludedSources(G, IF3, Set.of());

        assertEquals(List.of(), oifs(S), "only a new JOIN lifts a FORWARD delete (spec §2.7.4)");
    }

    @Test
    void badArgumentsAreRefusedAndChangeNothing() throws Exception {
        handle(igmp).addMembership(STAR_G, IF3);
        router.inject(IF1, S, G);
        clearJournal();

        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(igmp).setExcludedSources(S, IF3, Set.of(S2)));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(igmp).setExcludedSources(G, IF3, Set.of(G2)));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(igmp).setExcludedSources(G, IF3, Set.of(ip("0.0.0.0"))));
        assertStatus(MgmStatus.INVALID_PARAMETER,
                () -> handle(igmp).setExcludedSources(G, IF3, Set.of(InetAddress.getByName("2001:db8::1"))));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(igmp).setExcludedSources(null, IF3, Set.of()));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(up).setExcludedSources(G, IF3, Set.of(S)));
        assertStatus(MgmStatus.NOT_FOUND, () -> handle(up).setExcludedSources(G, IF4, Set.of(S)));

        assertEquals(List.of(IF3), oifs(S));
        assertEquals(List.of(), heard());
    }

    @Test
    void everyGroupKeepsItsOwnExclusions() {
        SourceGroup starG2 = SourceGroup.anySource(G2);
        handle(igmp).setExcludedSources(G, IF3, Set.of(S));
        handle(igmp).addMembership(STAR_G, IF3);
        handle(igmp).addMembership(starG2, IF3);

        router.inject(IF1, S, G2);

        assertEquals(List.of(IF3), List.copyOf(mgm.mfe(S, G2).orElseThrow().outgoingInterfaces()));
    }
}
