package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.function.Executable;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.testing.RecordingProtocol;

/** Shared set-up: an MGM with default settings and helpers to register recording protocols. */
abstract class MgmFixture {

    static final InterfaceId IF1 = InterfaceId.of(1);
    static final InterfaceId IF2 = InterfaceId.of(2);
    static final InterfaceId IF3 = InterfaceId.of(3);
    static final InterfaceId IF4 = InterfaceId.of(4);

    final MulticastGroupManager mgm = new MulticastGroupManager(MgmSettings.DEFAULTS);

    /** Registers a recording routing protocol with protocol number {@code pid}, component 0. */
    RecordingProtocol register(int pid) {
        return register(pid, new RecordingProtocol());
    }

    RecordingProtocol register(int pid, RecordingProtocol protocol) {
        mgm.register(ProtocolId.of(pid, 0), "p" + pid, "test", protocol);
        return protocol;
    }

    RecordingProtocol registerIgmp() {
        return register(ProtocolId.IGMP_PROTOCOL, new RecordingProtocol());
    }

    static ProtocolRegistration handle(RecordingProtocol p) {
        return p.requireRegistration();
    }

    static Client client(RecordingProtocol p) {
        return ((Registration) p.requireRegistration()).client();
    }

    static MulticastGroupManager withSettings(Map<String, ?> props) {
        return new MulticastGroupManager(MgmSettings.from(props, MgmSettings.DEFAULTS, (k, v) -> {
            throw new AssertionError(k + " " + v);
        }));
    }

    static void assertStatus(MgmStatus expected, Executable call) {
        MgmException e = assertThrows(MgmException.class, call);
        assertEquals(expected, e.status(), e.getMessage());
    }
}
