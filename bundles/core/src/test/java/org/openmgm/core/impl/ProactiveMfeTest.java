package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.Mfe;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.Prefix;
import org.openmgm.api.RouteInfo;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.PacketSimulator.Outcome;
import org.openmgm.spi.ReversePath;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;

/**
 * OpenMGM A10 (an MFE created at a protocol's request, before any packet) and group-aware route
 * lookups (a multicast view that routes (*,G) by group, as static multicast routes do).
 */
class ProactiveMfeTest extends MgmFixture {

    RecordingProtocol up;
    RecordingProtocol down;

    @BeforeEach
    void cast() {
        up = register("UP", 100);
        down = register("DOWN", 200);
        handle(up).takeInterface(IF1);
        handle(down).takeInterface(IF2);
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.0.0.254"));
        router.runPending();
        handle(down).addMembership(STAR_G, IF2);
        clearJournal();
    }

    @Test
    void anMfeIsCreatedAndInstalledBeforeAnyPacketWithTheUsualCallbacks() {
        Mfe m = handle(up).createMfe(S, G, Duration.ZERO);

        assertEquals(IF1, m.incomingInterface());
        assertEquals(Set.of(IF2), m.outgoingInterfaces());
        assertTrue(plane.entries().containsKey(SG), "installed in the plane");
        assertEquals(List.of(IF2), plane.inject(IF1, S, G, 100).forwardedTo(), "the first packet is forwarded");
        List<ProtocolEvent> toUp = up.events();
        assertTrue(toUp.contains(new ProtocolEvent.Rpf(SG, IF1)), toUp.toString());
        assertTrue(down.events().stream().anyMatch(e -> e instanceof ProtocolEvent.CreationAlert));
        assertTrue(toUp.stream().noneMatch(e -> e instanceof ProtocolEvent.WrongInterface), "no packet, no wrong interface");
    }

    @Test
    void aZeroLifetimeNeverAgesAndAnotherIsKept() {
        handle(up).createMfe(S, G, Duration.ZERO);
        handle(up).createMfe(S2, G, Duration.ofSeconds(30));

        scheduler.advance(Duration.ofHours(2));

        assertTrue(mgm.mfe(S, G).isPresent(), "does not age");
        assertTrue(mgm.mfe(S2, G).isEmpty(), "aged out after 30 s");
    }

    @Test
    void anExistingEntryIsReturnedUnchanged() {
        router.inject(IF1, S, G);
        Mfe before = mgm.mfe(S, G).orElseThrow();
        clearJournal();

        Mfe again = handle(up).createMfe(S, G, Duration.ZERO);

        assertEquals(before.lifetime(), again.lifetime(), "the lifetime it had, not the one asked for");
        assertEquals(List.of(), heard(), "no callback");
    }

    @Test
    void withoutARouteOrWithBadArgumentsItIsRefused() {
        assertStatus(MgmStatus.NOT_FOUND, () -> handle(up).createMfe(ip("192.168.1.1"), G, Duration.ZERO));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(up).createMfe(G, G, Duration.ZERO));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(up).createMfe(S, S2, Duration.ZERO));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(up).createMfe(S, G, Duration.ofSeconds(-1)));
        assertStatus(MgmStatus.INVALID_PARAMETER, () -> handle(up).createMfe(null, G, Duration.ZERO));
        MulticastGroupManager limited = withSettings(Map.of(MgmSettings.MAX_MFES, "0"));
        assertTrue(limited.mfes().findAny().isEmpty());
    }

    @Test
    void theMfeLimitIsNotEnoughMemory() {
        TestRouter small = TestRouter.withSettings(Map.of(MgmSettings.MAX_MFES, "1"));
        RecordingProtocol p = new RecordingProtocol(r -> r.takeInterface(IF1));
        small.mgm.register(org.openmgm.api.ProtocolId.of(7, 0), "p", "b", p);
        small.plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.0.0.254"));
        small.runPending();
        p.requireRegistration().createMfe(S, G, Duration.ZERO);

        assertStatus(MgmStatus.NOT_ENOUGH_MEMORY, () -> p.requireRegistration().createMfe(S2, G, Duration.ZERO));
    }

    @Test
    void aGroupAwareViewRoutesByGroup() {
        InetAddress g2 = G2;
        MulticastRouteLookup byGroup = new MulticastRouteLookup() {
            @Override
            public Optional<ReversePath> lookup(InetAddress source) {
                return Optional.empty();
            }

            @Override
            public Optional<ReversePath> lookup(InetAddress source, InetAddress group) {
                return group.equals(g2) ? Optional.of(new ReversePath(IF2, ip("0.0.0.0"), RouteInfo.NONE))
                        : Optional.empty();
            }
        };
        router.routes.add(byGroup, 100);
        handle(up).addMembership(org.openmgm.api.SourceGroup.anySource(g2), IF1);

        router.inject(IF2, S, g2);
        router.inject(IF1, S, G);

        assertEquals(IF2, mgm.mfe(S, g2).orElseThrow().incomingInterface(), "routed by the group");
        assertEquals(IF1, mgm.mfe(S, G).orElseThrow().incomingInterface(), "others as before");
        assertEquals(Outcome.FORWARDED, plane.inject(IF2, S, g2, 100).outcome());
        assertSame(Outcome.DROPPED_WRONG_INTERFACE, plane.inject(IF1, S, g2, 100).outcome());
    }
}
