package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;

/** Spec §3.1 (MgmRegisterMProtocol) and §3.2 (MgmDeRegisterMProtocol). */
class RegistrationTest extends MgmFixture {

    @Test
    void registrationHandsTheHandleToAttachedFirst() {
        RecordingProtocol a = new RecordingProtocol();
        ProtocolRegistration handle = mgm.register(ProtocolId.of(100, 1), "alpha", "bundle.a", a);

        assertSame(handle, a.requireRegistration());
        assertEquals(List.of(new ProtocolEvent.Attached(ProtocolId.of(100, 1))), a.events());
        assertTrue(handle.isValid());
        assertFalse(handle.isIgmp());
        assertEquals(List.of(new RegisteredProtocol(ProtocolId.of(100, 1), "alpha", false, "bundle.a",
                new java.util.TreeSet<>(), java.util.Map.of("attached",
                        new org.openmgm.api.CallbackCounts(1, 0, 0, 0, 0)))), mgm.protocols());
    }

    @Test
    void duplicateProtocolAndComponentIsRefusedAndChangesNothing() {
        register(100);
        RecordingProtocol second = new RecordingProtocol();

        assertStatus(MgmStatus.ALREADY_EXISTS, () -> mgm.register(ProtocolId.of(100, 0), "dup", "b", second));

        assertEquals(1, mgm.protocols().size());
        assertTrue(second.events().isEmpty(), "a refused protocol is never attached");
    }

    @Test
    void sameProtocolWithAnotherComponentIsAnotherClient() {
        mgm.register(ProtocolId.of(100, 0), "a0", "b", new RecordingProtocol());
        mgm.register(ProtocolId.of(100, 1), "a1", "b", new RecordingProtocol());

        assertEquals(List.of(ProtocolId.of(100, 0), ProtocolId.of(100, 1)),
                mgm.protocols().stream().map(RegisteredProtocol::id).toList());
    }

    @Test
    void igmpIsRecognisedByProtocolNumberAndIsUnique() {
        RecordingProtocol igmp = registerIgmp();
        assertTrue(handle(igmp).isIgmp());

        assertStatus(MgmStatus.ALREADY_EXISTS,
                () -> mgm.register(ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 7), "igmp2", "b", new RecordingProtocol()));
    }

    @Test
    void igmpProtocolNumberIsConfigurable() {
        MulticastGroupManager custom = withSettings(Map.of(MgmSettings.IGMP_PROTOCOL_ID, "2"));
        ProtocolRegistration two = custom.register(ProtocolId.of(2, 0), "igmp", "b", new RecordingProtocol());
        ProtocolRegistration ten = custom.register(ProtocolId.of(10, 0), "ten", "b", new RecordingProtocol());

        assertTrue(two.isIgmp());
        assertFalse(ten.isIgmp());
    }

    @Test
    void missingArgumentsAreInvalidParameters() {
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> mgm.register(ProtocolId.of(1, 0), "x", "b", null));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> mgm.register(null, "x", "b", new RecordingProtocol()));
        assertTrue(mgm.protocols().isEmpty());
    }

    @Test
    void deregisteringWhileOwningInterfacesCannotCompleteAndChangesNothing() {
        RecordingProtocol a = register(100);
        handle(a).takeInterface(IF1);

        assertStatus(MgmStatus.CAN_NOT_COMPLETE, () -> mgm.deregister(client(a)));

        assertTrue(handle(a).isValid());
        assertEquals(1, mgm.protocols().size());
        assertEquals(java.util.Optional.of(ProtocolId.of(100, 0)), mgm.protocolOnInterface(IF1));
    }

    @Test
    void deregisteredHandleIsInvalidForEveryCall() {
        RecordingProtocol a = register(100);
        handle(a).takeInterface(IF1);
        handle(a).releaseInterface(IF1);
        mgm.deregister(client(a));

        assertFalse(handle(a).isValid());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).takeInterface(IF2));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(a).releaseInterface(IF1));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> mgm.deregister(client(a)));
        assertTrue(mgm.protocols().isEmpty());
    }

    @Test
    void theIdOfADeregisteredProtocolCanBeRegisteredAgain() {
        RecordingProtocol a = register(100);
        mgm.deregister(client(a));

        RecordingProtocol again = register(100);

        assertTrue(handle(again).isValid());
        assertFalse(handle(a).isValid(), "the old handle stays invalid");
    }
}
