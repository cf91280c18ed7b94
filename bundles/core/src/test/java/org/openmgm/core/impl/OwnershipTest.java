package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.ProtocolEvent.DisableIgmp;
import org.openmgm.testing.ProtocolEvent.EnableIgmp;
import org.openmgm.testing.RecordingProtocol;

/** Spec §2.5 (transitions T1–T12), §3.3, §3.4 and §3.5. */
class OwnershipTest extends MgmFixture {

    static final ProtocolId A = ProtocolId.of(100, 0);
    static final ProtocolId B = ProtocolId.of(200, 0);
    static final ProtocolId IGMP = ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0);

    final RecordingProtocol a = register(100);
    final RecordingProtocol b = register(200);

    @Test
    void t1RoutingProtocolTakesAnUnownedInterface() {
        handle(a).takeInterface(IF1);

        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1));
        assertEquals(Optional.of(new InterfaceOwnership(IF1, Optional.of(A), Optional.empty())),
                mgm.interfaceOwnership(IF1));
        assertEquals(java.util.Set.of(IF1), handle(a).interfaces());
    }

    @Test
    void t2RoutingProtocolTakesAnIgmpOnlyInterfaceInsideADisableEnableBracket() {
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);
        igmp.clear();

        handle(a).takeInterface(IF1);

        assertEquals(List.of(new DisableIgmp(IF1), new EnableIgmp(IF1)), igmp.events());
        assertEquals(Optional.of(new InterfaceOwnership(IF1, Optional.of(A), Optional.of(IGMP))),
                mgm.interfaceOwnership(IF1));
        assertTrue(a.events(DisableIgmp.class).isEmpty(), "only IGMP hears disable/enable");
    }

    @Test
    void t3SecondRoutingProtocolIsRefusedAndNothingChanges() {
        handle(a).takeInterface(IF1);

        assertStatus(MgmStatus.ALREADY_EXISTS, () -> handle(b).takeInterface(IF1));

        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1));
        assertTrue(handle(b).interfaces().isEmpty());
    }

    @Test
    void t3AlsoWhenIgmpCoOwns() {
        RecordingProtocol igmp = registerIgmp();
        handle(a).takeInterface(IF1);
        handle(igmp).takeInterface(IF1);
        igmp.clear();

        assertStatus(MgmStatus.ALREADY_EXISTS, () -> handle(b).takeInterface(IF1));
        assertTrue(igmp.events().isEmpty(), "a refused take opens no bracket");
    }

    @Test
    void t4TakingAnInterfaceTwiceIsAlreadyExists() {
        handle(a).takeInterface(IF1);

        assertStatus(MgmStatus.ALREADY_EXISTS, () -> handle(a).takeInterface(IF1));
        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1));
    }

    @Test
    void t5IgmpTakesAnUnownedInterface() {
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);

        assertEquals(Optional.of(IGMP), mgm.protocolOnInterface(IF1));
        assertEquals(Optional.of(new InterfaceOwnership(IF1, Optional.empty(), Optional.of(IGMP))),
                mgm.interfaceOwnership(IF1));
    }

    @Test
    void t6IgmpJoinsARoutingProtocolWithoutBracket() {
        RecordingProtocol igmp = registerIgmp();
        handle(a).takeInterface(IF1);
        igmp.clear();

        handle(igmp).takeInterface(IF1);

        assertTrue(igmp.events().isEmpty());
        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1), "the routing owner wins (RES Q32)");
        assertTrue(mgm.interfaceOwnership(IF1).orElseThrow().igmpPresent());
    }

    @Test
    void t7IgmpTakingTwiceIsAlreadyExists() {
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);
        assertStatus(MgmStatus.ALREADY_EXISTS, () -> handle(igmp).takeInterface(IF1));

        handle(a).takeInterface(IF2);
        handle(igmp).takeInterface(IF2);
        assertStatus(MgmStatus.ALREADY_EXISTS, () -> handle(igmp).takeInterface(IF2));
    }

    @Test
    void t8RoutingProtocolReleasesItsInterface() {
        handle(a).takeInterface(IF1);

        handle(a).releaseInterface(IF1);

        assertEquals(Optional.empty(), mgm.protocolOnInterface(IF1));
        assertTrue(mgm.interfaces().isEmpty());
        handle(b).takeInterface(IF1);
        assertEquals(Optional.of(B), mgm.protocolOnInterface(IF1));
    }

    @Test
    void t9ReleasingAnInterfaceSharedWithIgmpIsBracketedAndLeavesIgmpOnly() {
        RecordingProtocol igmp = registerIgmp();
        handle(a).takeInterface(IF1);
        handle(igmp).takeInterface(IF1);
        igmp.clear();

        handle(a).releaseInterface(IF1);

        assertEquals(List.of(new DisableIgmp(IF1), new EnableIgmp(IF1)), igmp.events());
        assertEquals(Optional.of(IGMP), mgm.protocolOnInterface(IF1));
    }

    @Test
    void t10IgmpReleasesAnIgmpOnlyInterface() {
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);

        handle(igmp).releaseInterface(IF1);

        assertTrue(mgm.interfaces().isEmpty());
    }

    @Test
    void t11IgmpLeavesARoutingProtocolInterfaceWithoutBracket() {
        RecordingProtocol igmp = registerIgmp();
        handle(a).takeInterface(IF1);
        handle(igmp).takeInterface(IF1);
        igmp.clear();

        handle(igmp).releaseInterface(IF1);

        assertTrue(igmp.events().isEmpty());
        assertEquals(Optional.of(new InterfaceOwnership(IF1, Optional.of(A), Optional.empty())),
                mgm.interfaceOwnership(IF1));
    }

    @Test
    void t12ReleasingAnInterfaceNotHeldIsInvalidParameter() {
        RecordingProtocol igmp = registerIgmp();
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).releaseInterface(IF1));

        handle(b).takeInterface(IF2);
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).releaseInterface(IF2));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(igmp).releaseInterface(IF2));
        assertEquals(Optional.of(B), mgm.protocolOnInterface(IF2));
    }

    @Test
    void protocolOnInterfaceOfAnUnknownInterfaceIsEmpty() {
        assertEquals(Optional.empty(), mgm.protocolOnInterface(IF4));
        assertEquals(Optional.empty(), mgm.interfaceOwnership(IF4));
    }

    @Test
    void pointToMultipointLinksAreDistinctInterfaces() throws Exception {
        InterfaceId link1 = InterfaceId.of(5, InetAddress.getByName("10.0.0.1"));
        InterfaceId link2 = InterfaceId.of(5, InetAddress.getByName("10.0.0.2"));
        handle(a).takeInterface(link1);
        handle(b).takeInterface(link2);
        handle(b).takeInterface(InterfaceId.of(5));

        assertEquals(Optional.of(A), mgm.protocolOnInterface(link1));
        assertEquals(Optional.of(B), mgm.protocolOnInterface(link2));
        assertEquals(List.of(InterfaceId.of(5), link1, link2),
                mgm.interfaces().stream().map(InterfaceOwnership::id).toList());
    }

    @Test
    void malformedInterfaceIdsAreInvalidParameters() throws Exception {
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> InterfaceId.of(0));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> InterfaceId.of(-3));
        InetAddress group = InetAddress.getByName("239.1.1.1");
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> InterfaceId.of(1, group));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> InterfaceId.of(1, null));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).takeInterface(null));
    }

    @Test
    void insideTheBracketIgmpCannotChangeOwnershipOfThatInterfaceAndOthersAreRefused() {
        List<MgmStatus> seenInsideDisable = new ArrayList<>();
        RecordingProtocol igmp = register(ProtocolId.IGMP_PROTOCOL, new RecordingProtocol() {
            @Override
            public void disableIgmp(InterfaceId ifId) {
                super.disableIgmp(ifId);
                seenInsideDisable.add(statusOf(() -> requireRegistration().releaseInterface(ifId)));
                seenInsideDisable.add(statusOf(() -> handle(b).takeInterface(ifId)));
                // State queries already see the committed change (the bracket is atomic).
                assertEquals(Optional.of(A), mgm.protocolOnInterface(ifId));
            }
        });
        handle(igmp).takeInterface(IF1);

        handle(a).takeInterface(IF1);

        assertEquals(List.of(MgmStatus.CAN_NOT_COMPLETE, MgmStatus.CAN_NOT_COMPLETE), seenInsideDisable);
        assertEquals(List.of(new ProtocolEvent.Attached(IGMP), new DisableIgmp(IF1), new EnableIgmp(IF1)),
                igmp.events());
    }

    @Test
    void igmpMayChangeOwnershipFromInsideEnable() {
        RecordingProtocol igmp = register(ProtocolId.IGMP_PROTOCOL, new RecordingProtocol() {
            @Override
            public void enableIgmp(InterfaceId ifId) {
                super.enableIgmp(ifId);
                requireRegistration().releaseInterface(ifId); // re-entrant call: must not deadlock
            }
        });
        handle(igmp).takeInterface(IF1);

        handle(a).takeInterface(IF1);

        assertFalse(mgm.interfaceOwnership(IF1).orElseThrow().igmpPresent());
        assertEquals(Optional.of(A), mgm.protocolOnInterface(IF1));
    }

    private static MgmStatus statusOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (MgmException e) {
            return e.status();
        }
    }
}
