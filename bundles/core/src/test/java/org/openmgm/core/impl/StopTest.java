package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;

/** Spec [RES Q5] and [RES Q29]: the MGM stops. */
class StopTest extends MgmFixture {

    @Test
    void stopDiscardsStateWithoutAlertsAndInvalidatesHandles() {
        RecordingProtocol a = register(100);
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);
        handle(a).takeInterface(IF1);
        igmp.clear();

        mgm.stop();

        assertEquals(List.of(new ProtocolEvent.Detached(ProtocolId.of(10, 0))), igmp.events(),
                "no disable/enable or other alert, only the end of the registration");
        assertFalse(handle(a).isValid());
        assertStatus(MgmStatus.CAN_NOT_COMPLETE, () -> handle(a).takeInterface(IF2));
        assertStatus(MgmStatus.CAN_NOT_COMPLETE, mgm::protocols);
        assertStatus(MgmStatus.CAN_NOT_COMPLETE, () -> mgm.protocolOnInterface(IF1));
        assertStatus(MgmStatus.CAN_NOT_COMPLETE,
                () -> mgm.register(ProtocolId.of(5, 0), "late", "b", new RecordingProtocol()));
    }

    @Test
    void departureAfterStopIsHarmless() {
        RecordingProtocol a = register(100);
        handle(a).takeInterface(IF1);
        mgm.stop();

        mgm.depart(client(a));

        assertEquals(1, a.events(ProtocolEvent.Detached.class).size());
    }
}
