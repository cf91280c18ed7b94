package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.function.Executable;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.testing.ManualScheduler;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;

/**
 * Shared set-up: an MGM on the simulated plane with a manual clock, helpers to register recording
 * protocols, and a journal of every callback of every protocol in delivery order.
 */
abstract class MgmFixture {

    static final InterfaceId IF1 = InterfaceId.of(1);
    static final InterfaceId IF2 = InterfaceId.of(2);
    static final InterfaceId IF3 = InterfaceId.of(3);
    static final InterfaceId IF4 = InterfaceId.of(4);
    static final InterfaceId IF5 = InterfaceId.of(5);
    static final InetAddress S = ip("10.1.1.1");
    static final InetAddress S2 = ip("10.2.2.2");
    static final InetAddress G = ip("239.1.1.1");
    static final InetAddress G2 = ip("239.2.2.2");
    static final SourceGroup SG = SourceGroup.of(S, G);
    static final SourceGroup STAR_G = SourceGroup.anySource(G);
    static final SourceGroup STAR_STAR = SourceGroup.all();

    /** One callback, with the name of the protocol that received it. */
    record Heard(String by, ProtocolEvent event) {
        @Override
        public String toString() {
            return by + ":" + event;
        }
    }

    final TestRouter router = new TestRouter(MgmSettings.DEFAULTS);
    final MulticastGroupManager mgm = router.mgm;
    final ManualScheduler scheduler = router.scheduler;
    final SimulatedPlane plane = router.plane;
    final List<Heard> journal = new ArrayList<>();

    /** A recording protocol that also writes to the shared journal. */
    class Journaling extends RecordingProtocol {
        final String name;

        Journaling(String name) {
            this.name = name;
        }

        @Override
        protected void record(ProtocolEvent event) {
            super.record(event);
            synchronized (journal) {
                journal.add(new Heard(name, event));
            }
        }
    }

    /** Registers a recording routing protocol named {@code "p" + pid} with protocol number {@code pid}. */
    RecordingProtocol register(int pid) {
        return register(pid, new Journaling("p" + pid));
    }

    RecordingProtocol register(int pid, RecordingProtocol protocol) {
        String name = protocol instanceof Journaling j ? j.name : "p" + pid;
        mgm.register(ProtocolId.of(pid, 0), name, "test", protocol);
        return protocol;
    }

    /** Registers a routing protocol with a journal name. */
    Journaling register(String name, int pid) {
        Journaling p = new Journaling(name);
        mgm.register(ProtocolId.of(pid, 0), name, "test", p);
        return p;
    }

    RecordingProtocol registerIgmp() {
        return register(ProtocolId.IGMP_PROTOCOL, new Journaling("igmp"));
    }

    static ProtocolRegistration handle(RecordingProtocol p) {
        return p.requireRegistration();
    }

    static Client client(RecordingProtocol p) {
        return ((Registration) p.requireRegistration()).client();
    }

    static MulticastGroupManager withSettings(Map<String, ?> props) {
        return TestRouter.withSettings(props).mgm;
    }

    /** The journal since the last {@link #clearJournal()}, and clears it. */
    List<Heard> heard() {
        synchronized (journal) {
            List<Heard> copy = List.copyOf(journal);
            journal.clear();
            return copy;
        }
    }

    void clearJournal() {
        synchronized (journal) {
            journal.clear();
        }
    }

    static Heard heard(String by, ProtocolEvent event) {
        return new Heard(by, event);
    }

    static void assertStatus(MgmStatus expected, Executable call) {
        MgmException e = assertThrows(MgmException.class, call);
        assertEquals(expected, e.status(), e.getMessage());
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
