package org.openmgm.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Membership;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.igmp.IgmpClient;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.ProtocolEvent.LocalJoin;
import org.openmgm.testing.ProtocolEvent.LocalLeave;
import org.openmgm.testing.RecordingProtocol;

/**
 * The MGM's IGMP client (spec §1.2, §4.6–4.7, §4.9; RFC 3376 §6.3): IGMP's group state becomes
 * memberships, interfaces are taken and released with IGMP, and disable/enable brackets are
 * honoured. The client's work runs when the test says so ({@link Steps}).
 */
class IgmpClientTest extends MgmFixture {

    static final InetAddress S3 = ip("10.3.3.3");
    static final ProtocolId IGMP = ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0);

    /** An executor that runs the client's work when {@link #run()} is called. */
    static final class Steps implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        void run() {
            for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
                r.run();
            }
        }
    }

    final Steps steps = new Steps();
    final IgmpClient client = new IgmpClient(steps);
    RecordingProtocol up;
    RecordingProtocol down;
    ProtocolRegistration igmpHandle;

    @BeforeEach
    void cast() {
        up = register("UP", 100);
        down = register("DOWN", 200);
        handle(up).takeInterface(IF1);
        handle(down).takeInterface(IF2);
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF1, ip("10.0.0.254"));
        router.runPending();
        igmpHandle = mgm.register(IGMP, "igmp", "test", client);
        steps.run();
        clearJournal();
    }

    static IgmpGroup include(InetAddress group, InetAddress... sources) {
        return new IgmpGroup(group, FilterMode.INCLUDE, Set.of(sources), 3);
    }

    static IgmpGroup exclude(InetAddress group, InetAddress... sources) {
        return new IgmpGroup(group, FilterMode.EXCLUDE, Set.of(sources), 3);
    }

    List<String> memberships() {
        return mgm.memberships().stream().filter(m -> m.client().equals(IGMP))
                .map(m -> m.key() + "@" + m.ifId().ifIndex() + (m.excludedSources().isEmpty() ? ""
                        : " excluding " + m.excludedSources().stream().map(InetAddress::getHostAddress).toList()))
                .toList();
    }

    List<InterfaceId> oifs(InetAddress source, InetAddress group) {
        return List.copyOf(mgm.mfe(source, group).orElseThrow().outgoingInterfaces());
    }

    @Test
    void startingIgmpOnAnInterfaceTakesItAndStoppingReleasesIt() {
        client.interfaceStarted(IF3);
        steps.run();
        assertEquals(Set.of(IGMP), Set.of(mgm.interfaceOwnership(IF3).orElseThrow().igmp().orElseThrow()));
        assertEquals(Set.of(IF3), client.heldInterfaces());

        client.groupChanged(IF3, exclude(G));
        steps.run();
        client.interfaceStopped(IF3);
        steps.run();

        assertTrue(mgm.interfaceOwnership(IF3).isEmpty(), "released");
        assertEquals(List.of(), memberships(), "the release took IGMP's memberships with it");
        assertEquals(Set.of(), client.heldInterfaces());
    }

    @Test
    void excludeModeIsAWildcardJoinWithoutTheExcludedSources() {
        client.interfaceStarted(IF3);
        client.groupChanged(IF3, exclude(G, S));
        steps.run();

        assertEquals(List.of(STAR_G + "@3 excluding [10.1.1.1]"), memberships());
        router.inject(IF1, S, G);
        router.inject(IF1, S2, G);
        assertEquals(List.of(), oifs(S, G), "data from the excluded source is not forwarded");
        assertEquals(List.of(IF3), oifs(S2, G));
    }

    @Test
    void includeModeIsOneSourceJoinPerSource() {
        client.interfaceStarted(IF3);
        client.groupChanged(IF3, include(G, S, S2));
        steps.run();

        assertEquals(List.of(SG + "@3", SourceGroup.of(S2, G) + "@3"), memberships());
        router.inject(IF1, S3, G);
        assertEquals(List.of(), oifs(S3, G), "other sources are not wanted");
    }

    @Test
    void aTransitionAddsBeforeItDeletesSoAStayingSourceKeepsFlowing() {
        client.interfaceStarted(IF3);
        client.groupChanged(IF3, include(G, S2));
        steps.run();
        router.inject(IF1, S2, G);
        clearJournal();

        client.groupChanged(IF3, exclude(G, S));                          // INCLUDE{S2} -> EXCLUDE{S}
        steps.run();
        client.groupChanged(IF3, include(G, S2));                         // and back
        steps.run();

        assertEquals(List.of(IF3), oifs(S2, G));
        assertTrue(heard().stream().noneMatch(h -> h.event() instanceof ProtocolEvent.PruneAlert p && !p.memberDelete()),
                "S2 never left IF3, so the iif owner heard no MFE prune alert");
        assertEquals(List.of(SourceGroup.of(S2, G) + "@3"), memberships());
    }

    @Test
    void aGroupNobodyWantsLeavesNoMembership() {
        client.interfaceStarted(IF3);
        client.groupChanged(IF3, exclude(G, S));
        client.groupChanged(IF3, include(G2, S));
        steps.run();

        client.groupChanged(IF3, include(G));
        client.groupChanged(IF3, include(G2));
        steps.run();

        assertEquals(List.of(), memberships());
        assertEquals(List.of(), mgm.memberships().stream().map(Membership::excludedSources)
                .filter(x -> !x.isEmpty()).toList());
    }

    @Test
    void onARoutingProtocolsInterfaceItsOwnerHearsLocalJoinAndLeave() {
        client.interfaceStarted(IF2);                                     // RP_IGMP(DOWN)
        client.groupChanged(IF2, exclude(G));
        steps.run();
        client.groupChanged(IF2, include(G));
        steps.run();

        List<ProtocolEvent> toDown = heard().stream().filter(h -> h.by().equals("DOWN")).map(Heard::event)
                .filter(e -> e instanceof LocalJoin || e instanceof LocalLeave).toList();
        assertEquals(List.of(new LocalJoin(STAR_G, IF2), new LocalLeave(STAR_G, IF2)), toDown);
    }

    @Test
    void aProtocolTakingAnIgmpInterfaceTriggersAResyncAfterEnable() {
        client.interfaceStarted(IF3);
        client.groupChanged(IF3, exclude(G, S));
        client.groupChanged(IF3, include(G2, S2));
        steps.run();
        RecordingProtocol late = register("LATE", 300);
        clearJournal();

        handle(late).takeInterface(IF3);                                  // T2: disable, purge, enable
        assertEquals(List.of(), memberships(), "the MGM removed IGMP's memberships in the bracket");
        steps.run();                                                      // the client re-adds afterwards

        assertEquals(List.of(STAR_G + "@3 excluding [10.1.1.1]", SourceGroup.of(S2, G2) + "@3"), memberships());
        assertEquals(List.of(new LocalJoin(STAR_G, IF3), new LocalJoin(SourceGroup.of(S2, G2), IF3)),
                heard().stream().filter(h -> h.by().equals("LATE")).map(Heard::event)
                        .filter(e -> e instanceof LocalJoin).toList(), "each re-add is a local join to the new owner");
        assertEquals(1L, client.counters().get("resyncs"));
    }

    @Test
    void nothingChangesOnAnInterfaceBetweenDisableAndEnable() {
        // An IGMP client whose router learns changes, and whose worker runs, inside the bracket.
        Steps own = new Steps();
        List<Long> callsInside = new java.util.ArrayList<>();
        IgmpClient busy = new IgmpClient(own) {
            @Override
            public void disableIgmp(InterfaceId ifId) {
                super.disableIgmp(ifId);
                long before = counters().get("calls");
                groupChanged(ifId, include(G, S));
                groupChanged(ifId, exclude(G2));
                own.run();
                callsInside.add(counters().get("calls") - before);
            }
        };
        mgm.depart(((Registration) igmpHandle).client());
        mgm.register(IGMP, "igmp", "test", busy);
        busy.interfaceStarted(IF3);
        busy.groupChanged(IF3, exclude(G));
        own.run();

        register("LATE", 300).requireRegistration().takeInterface(IF3);    // disable ... enable
        assertEquals(List.of(0L), callsInside, "no MGM call while disabled");
        assertEquals(List.of(), memberships(), "the MGM removed IGMP's memberships in the bracket");
        own.run();

        assertEquals(List.of(SG + "@3", SourceGroup.anySource(G2) + "@3"), memberships(),
                "after enable, IGMP's latest state");
    }

    @Test
    void brackets_racing_with_changes_on_real_threads_end_in_igmps_latest_state() throws Exception {
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            IgmpClient live = new IgmpClient(worker);
            mgm.depart(((Registration) igmpHandle).client());
            mgm.register(IGMP, "igmp", "test", live);
            RecordingProtocol flapper = register("FLAP", 300);
            live.interfaceStarted(IF3);
            InetAddress[] groups = {G, G2, ip("239.3.3.3"), ip("239.4.4.4")};
            java.util.Random random = new java.util.Random(42);
            Thread owner = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    flapper.requireRegistration().takeInterface(IF3);          // T2 bracket
                    flapper.requireRegistration().releaseInterface(IF3);       // T9 bracket
                }
            });
            owner.start();
            java.util.Map<InetAddress, IgmpGroup> last = new java.util.HashMap<>();
            for (int i = 0; i < 3000; i++) {
                InetAddress g = groups[random.nextInt(groups.length)];
                IgmpGroup state = switch (random.nextInt(3)) {
                    case 0 -> include(g, S);
                    case 1 -> exclude(g, S2);
                    default -> include(g);
                };
                live.groupChanged(IF3, state);
                last.put(g, state);
            }
            owner.join();

            List<String> expected = last.values().stream().filter(IgmpGroup::isJoined)
                    .sorted(java.util.Comparator.comparing(x -> Prefix.host(x.group())))
                    .map(x -> x.mode() == FilterMode.INCLUDE ? SourceGroup.of(S, x.group()) + "@3"
                            : SourceGroup.anySource(x.group()) + "@3 excluding [10.2.2.2]")
                    .toList();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!memberships().equals(expected) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(expected, memberships());
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void changesWhileTheMgmIsBusyAreCoalesced() {
        client.interfaceStarted(IF3);
        steps.run();
        long before = client.counters().get("calls");

        for (int i = 0; i < 5; i++) {
            client.groupChanged(IF3, exclude(G));
            client.groupChanged(IF3, include(G, S));
        }
        steps.run();

        assertEquals(List.of(SG + "@3"), memberships());
        assertEquals(before + 1, client.counters().get("calls"), "only the latest state was applied");
    }

    @Test
    void aNewRegistrationGetsEverythingAgain() {
        client.interfaceStarted(IF3);
        client.groupChanged(IF3, exclude(G, S));
        steps.run();

        mgm.depart(((Registration) igmpHandle).client());
        assertEquals(List.of(), memberships());
        mgm.register(IGMP, "igmp", "test", client);
        steps.run();

        assertEquals(List.of(STAR_G + "@3 excluding [10.1.1.1]"), memberships());
    }

    @Test
    void aRefusedChangeIsCountedAndTheOthersStillApply() {
        MulticastGroupManager small = withSettings(Map.of(MgmSettings.MAX_MEMBERSHIPS, "1"));
        Steps own = new Steps();
        IgmpClient limited = new IgmpClient(own);
        small.register(IGMP, "igmp", "test", limited);
        limited.interfaceStarted(IF3);
        limited.groupChanged(IF3, include(G, S, S2));
        own.run();

        assertEquals(1, small.memberships().size(), "one fits");
        assertEquals(1L, limited.counters().get("refused"));
    }
}
