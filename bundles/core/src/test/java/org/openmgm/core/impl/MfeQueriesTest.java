package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.EnumerationType;
import org.openmgm.api.GroupEnumeration;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Mfe;
import org.openmgm.api.MfeStatistics;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.testing.ProtocolEvent.DeletionAlert;
import org.openmgm.testing.ProtocolEvent.WrongInterface;
import org.openmgm.testing.RecordingProtocol;

/**
 * Spec §3.8–3.13 and §5.14 (administrative walks and statistics), §3.15–3.17 (group
 * enumeration), [RES Q6] (route changes), [RES Q44] (wrong-interface switch), [RES Q19] and the
 * table limits.
 */
class MfeQueriesTest extends MgmFixture {

    RecordingProtocol a;
    RecordingProtocol b;

    @BeforeEach
    void cast() {
        a = register("A", 100);
        b = register("B", 200);
        handle(a).takeInterface(IF1);
        handle(b).takeInterface(IF3);
        plane.addRoute(Prefix.ANY_V4, IF3, ip("10.3.0.254"));
        router.runPending();
        handle(a).addMembership(SourceGroup.all(), IF1);
    }

    InetAddress[] flow(String s, String g) {
        InetAddress[] f = {ip(s), ip(g)};
        router.inject(IF3, f[0], f[1]);
        return f;
    }

    @Test
    void section5_14_walksAreGroupMajorUnsignedAndContinueAfterAKeyThatMayBeGone() {
        flow("200.0.0.1", "239.0.0.1");
        flow("10.0.0.1", "239.0.0.1");
        flow("10.0.0.2", "224.1.1.1");
        flow("10.0.0.3", "239.255.0.1");

        List<String> order = mgm.mfes().map(m -> m.source().getHostAddress() + ">" + m.group().getHostAddress()).toList();
        assertEquals(List.of("10.0.0.2>224.1.1.1", "10.0.0.1>239.0.0.1", "200.0.0.1>239.0.0.1",
                "10.0.0.3>239.255.0.1"), order);

        List<Mfe> first = mgm.mfes(null, 2);
        assertEquals(2, first.size());
        SourceGroup last = first.get(1).key();
        handle(b).releaseInterface(IF3);                             // purges everything, incl. the last key
        handle(b).takeInterface(IF3);
        flow("10.0.0.3", "239.255.0.1");
        List<Mfe> next = mgm.mfes(last, 2);
        assertEquals(List.of(SourceGroup.of(ip("10.0.0.3"), ip("239.255.0.1"))), next.stream().map(Mfe::key).toList());
        assertEquals(List.of(), mgm.mfes(next.get(0).key(), 2));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> mgm.mfes(null, 0));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> mgm.mfes(SourceGroup.anySource(G), 5));
    }

    @Test
    void statisticsCarryThePlanesCounters() {
        InetAddress[] f = flow("10.0.0.1", "239.0.0.1");
        plane.inject(IF3, f[0], f[1], 1000);
        plane.inject(IF3, f[0], f[1], 1000);
        plane.inject(IF1, f[0], f[1], 1000);                         // wrong interface

        MfeStatistics st = mgm.mfeStatistics(f[0], f[1]).orElseThrow();
        assertEquals(4, st.counters().inPackets());
        assertEquals(3100, st.counters().inOctets());
        assertEquals(1, st.counters().packetsDifferentInterface());
        assertEquals(3, st.counters().outgoing().get(IF1).outPackets());
        assertEquals(st, mgm.mfeStatistics().toList().get(0));
        assertEquals(Optional.empty(), mgm.mfeStatistics(S2, G2));
        assertEquals(Optional.empty(), mgm.mfe(S2, G2));
    }

    @Test
    void groupEnumerationsAreSnapshotsClosedWithTheirRegistration() {
        handle(a).addMembership(STAR_G, IF1);
        handle(a).addMembership(SG, IF1);
        handle(b).addMembership(SourceGroup.of(S2, G), IF3);
        GroupEnumeration all = handle(b).openGroupEnumeration(EnumerationType.ALL_SOURCES);
        GroupEnumeration any = handle(b).openGroupEnumeration(EnumerationType.ANY_SOURCE);
        handle(a).addMembership(SourceGroup.anySource(G2), IF1);    // after the snapshot: invisible

        assertEquals(List.of(SourceGroup.all(), STAR_G, SG, SourceGroup.of(S2, G)), all.next(10));
        assertEquals(List.of(SourceGroup.all(), STAR_G), any.next(10));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> any.next(0));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(b).openGroupEnumeration(null));

        GroupEnumeration open = handle(b).openGroupEnumeration(EnumerationType.ALL_SOURCES);
        mgm.depart(client(b));                                        // [RES Q30]
        assertFalse(open.hasMore());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> open.next(1));
    }

    @Test
    void aRouteChangeDeletesTheMfesItCoversSoThatRpfRunsAgain() {
        InetAddress[] covered = flow("10.0.0.1", "239.0.0.1");
        InetAddress[] other = flow("192.168.1.1", "239.0.0.1");
        clearJournal();

        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.1.0.254"));
        router.runPending();

        assertEquals(Optional.empty(), mgm.mfe(covered[0], covered[1]));
        assertTrue(mgm.mfe(other[0], other[1]).isPresent());
        assertEquals(List.of(heard("B", new DeletionAlert(SourceGroup.of(covered[0], covered[1]), IF3,
                MfeDeletionReason.ROUTE_CHANGED)), heard("A", new DeletionAlert(SourceGroup.of(covered[0], covered[1]),
                IF3, MfeDeletionReason.ROUTE_CHANGED))), heard());
        router.inject(IF1, covered[0], covered[1]);                 // re-created on the new reverse path
        assertEquals(IF1, mgm.mfe(covered[0], covered[1]).orElseThrow().incomingInterface());
    }

    @Test
    void routeRevalidationAndWrongInterfaceAlertsCanBeSwitchedOff() {
        TestRouter quiet = TestRouter.withSettings(Map.of(MgmSettings.REVALIDATE, "false",
                MgmSettings.WRONG_IF_ENABLED, "false"));
        RecordingProtocol p = new RecordingProtocol(r -> {
            r.takeInterface(IF1);
            r.takeInterface(IF3);
        });
        quiet.mgm.register(ProtocolId.of(7, 0), "p", "b", p);
        quiet.plane.addRoute(Prefix.ANY_V4, IF3, ip("10.3.0.254"));
        quiet.runPending();
        quiet.inject(IF3, S, G);
        quiet.plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.1.0.254"));
        quiet.runPending();
        quiet.inject(IF1, S, G);

        assertTrue(quiet.mgm.mfe(S, G).isPresent(), "no revalidation");
        assertEquals(List.of(), p.events(WrongInterface.class));
    }

    @Test
    void aNegativeMfeOnAnUnheldInterfaceExpiresAndItsInterfaceIsForgotten() {
        InterfaceId unheld = InterfaceId.of(9);
        plane.addRoute(Prefix.parse("10.9.0.0/16"), unheld, ip("10.9.0.1"));
        plane.addInterface(unheld);
        router.runPending();
        router.inject(unheld, ip("10.9.1.1"), G);
        assertTrue(mgm.mfe(ip("10.9.1.1"), G).orElseThrow().isNegative());
        assertTrue(mgm.interfaces().stream().noneMatch(o -> o.id().equals(unheld)), "visible only through the MFE");

        scheduler.advance(Duration.ofSeconds(901));

        assertEquals(Optional.empty(), mgm.mfe(ip("10.9.1.1"), G));
        assertEquals(null, mgm.state().interfaces.get(unheld));
    }

    @Test
    void theMfeLimitStopsCreation() {
        TestRouter limited = TestRouter.withSettings(Map.of(MgmSettings.MAX_MFES, "1"));
        limited.mgm.register(ProtocolId.of(7, 0), "p", "b", new RecordingProtocol(r -> r.takeInterface(IF3)));
        limited.plane.addRoute(Prefix.ANY_V4, IF3, ip("10.3.0.254"));
        limited.runPending();
        limited.inject(IF3, S, G);
        limited.inject(IF3, S2, G);

        assertEquals(1, limited.mgm.mfes().count());
        assertEquals(1, limited.mgm.state().counters.mfeLimitDrops.sum());
    }

    @Test
    void stoppingWithdrawsEverythingFromThePlane() {
        flow("10.0.0.1", "239.0.0.1");
        assertEquals(1, plane.entries().size());

        mgm.stop();

        assertTrue(plane.entries().isEmpty());
        assertTrue(plane.interfaceCounters().isEmpty());
        assertStatus(MgmStatus.CAN_NOT_COMPLETE, () -> mgm.mfes(null, 1));
    }
}
