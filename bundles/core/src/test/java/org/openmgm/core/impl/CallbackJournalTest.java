package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmgm.api.CallbackRecord;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.testing.RecordingProtocol;

/** The flight recorder: the MGM's recent callbacks, in order, bounded, with their outcome. */
class CallbackJournalTest extends MgmFixture {

    @Test
    void callbacksAreRecordedInDeliveryOrderWithTheirOutcome() {
        RecordingProtocol p = new RecordingProtocol() {
            @Override
            public void localJoin(org.openmgm.api.SourceGroup key, org.openmgm.api.InterfaceId ifId) {
                throw new IllegalStateException("a buggy protocol");
            }
        };
        mgm.register(ProtocolId.of(100, 0), "p", "test", p);
        RecordingProtocol igmp = registerIgmp();
        handle(igmp).takeInterface(IF1);
        handle(igmp).addMembership(STAR_G, IF1);

        handle(p).takeInterface(IF1);                                   // T2: disable ... enable
        handle(igmp).addMembership(STAR_G, IF1);                        // IGMP re-adds: local join to p

        List<String> journal = mgm.recentCallbacks(1000).stream()
                .map(r -> r.protocol().protocol() + " " + r.callback() + " " + r.subject() + " " + r.outcome())
                .toList();
        int disable = journal.indexOf("10 disable-igmp if1 RETURNED");
        int enable = journal.indexOf("10 enable-igmp if1 RETURNED");
        assertTrue(disable >= 0 && enable > disable, journal.toString());
        assertEquals("100 local-join " + STAR_G + " THREW", journal.get(journal.size() - 1));
        assertTrue(journal.contains("100 attached 100/0 RETURNED") || journal.get(0).startsWith("100 attached"),
                journal.toString());
    }

    @Test
    void theJournalKeepsOnlyTheNewest() {
        MulticastGroupManager small = withSettings(Map.of(MgmSettings.JOURNAL_SIZE, "2"));
        for (int pid = 100; pid < 105; pid++) {
            small.register(ProtocolId.of(pid, 0), "p" + pid, "test", new RecordingProtocol());
        }

        List<CallbackRecord> kept = small.recentCallbacks(10);
        assertEquals(List.of(103, 104), kept.stream().map(r -> r.protocol().protocol()).toList());
        assertEquals(1, small.recentCallbacks(1).size());
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> small.recentCallbacks(-1));
    }

    @Test
    void aJournalOfSizeZeroRecordsNothing() {
        MulticastGroupManager none = withSettings(Map.of(MgmSettings.JOURNAL_SIZE, "0"));
        none.register(ProtocolId.of(100, 0), "p", "test", new RecordingProtocol());

        assertEquals(List.of(), none.recentCallbacks(10));
    }
}
