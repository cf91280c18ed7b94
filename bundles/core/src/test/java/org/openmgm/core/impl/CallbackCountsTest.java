package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openmgm.api.CallbackCounts;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.api.SourceGroup;
import org.openmgm.testing.RecordingProtocol;

/** The read side exposes each protocol's callback counts by callback name (operator views). */
class CallbackCountsTest extends MgmFixture {

    @Test
    void deliveredAndFailedCallbacksAppearByName() {
        RecordingProtocol buggy = new RecordingProtocol() {
            @Override
            public void localJoin(SourceGroup key, InterfaceId ifId) {
                throw new IllegalStateException("a buggy protocol");
            }
        };
        mgm.register(ProtocolId.of(100, 0), "buggy", "test", buggy);
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);
        handle(buggy).takeInterface(IF1);                  // disable-igmp, enable-igmp to IGMP
        handle(igmp).addMembership(STAR_G, IF1);           // local-join to the owner: throws

        RegisteredProtocol p = mgm.protocol(ProtocolId.of(100, 0)).orElseThrow();
        assertEquals(new CallbackCounts(1, 0, 0, 0, 0), p.callbacks().get("attached"));
        assertEquals(new CallbackCounts(0, 1, 0, 0, 0), p.callbacks().get("local-join"));
        assertEquals(new CallbackCounts(1, 1, 0, 0, 0), p.callbackTotals());
        assertFalse(p.callbacks().containsKey("rpf"), "kinds never called are left out");

        RegisteredProtocol i = mgm.protocols().stream().filter(RegisteredProtocol::igmp).findFirst().orElseThrow();
        assertEquals(1, i.callbacks().get("disable-igmp").delivered());
        assertEquals(1, i.callbacks().get("enable-igmp").delivered());
    }

    @Test
    void slowCallbacksAreCountedBesideDelivered() {
        MulticastGroupManager fast = withSettings(Map.of(MgmSettings.SLOW_CALLBACK_MS, "1"));
        fast.register(ProtocolId.of(7, 0), "sleepy", "b", new RecordingProtocol(r -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }));

        assertEquals(new CallbackCounts(1, 0, 1, 0, 0),
                fast.protocol(ProtocolId.of(7, 0)).orElseThrow().callbacks().get("attached"));
    }
}
