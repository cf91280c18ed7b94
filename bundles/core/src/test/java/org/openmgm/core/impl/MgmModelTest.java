package org.openmgm.core.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openmgm.api.EnumerationType;
import org.openmgm.api.GroupEnumeration;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.api.Membership;
import org.openmgm.api.MembershipFlag;
import org.openmgm.api.Mfe;
import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.ForwardingEntry;
import org.openmgm.spi.ReversePath;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.ModelRunner;
import org.openmgm.testing.ModelRunner.Step;
import org.openmgm.testing.RecordingProtocol;

/**
 * Model-based test: random sequences of register / take / release / add and delete
 * membership (JOIN, FORWARD) / packet arrival / clock advance / route change / upstream change /
 * enumeration / protocol departure, checking after every step the invariants of spec §2.13, that a
 * refused call changed nothing and called nobody back, and — against an independent oracle built
 * from the public views — the recipients of every membership-driven alert (§4.4.3, §4.5.3,
 * invariant 6) and the contents of group enumerations. A failing sequence is shrunk to a minimal
 * one and printed with the seed that reproduces it ({@link ModelRunner}).
 */
class MgmModelTest {

    static final int[] PROTOCOLS = {10, 100, 200, 300};
    static final InetAddress[] SOURCES = {ip("10.1.1.1"), ip("10.1.2.2"), ip("192.168.0.9")};
    static final InetAddress[] GROUPS = {ip("239.1.1.1"), ip("239.2.2.2")};
    static final List<SourceGroup> KEYS = List.of(SourceGroup.of(SOURCES[0], GROUPS[0]),
            SourceGroup.of(SOURCES[1], GROUPS[0]), SourceGroup.anySource(GROUPS[0]), SourceGroup.anySource(GROUPS[1]),
            SourceGroup.all());

    @Test
    void theInvariantsHoldAfterEveryStep() {
        ModelRunner.of(World::new, MgmModelTest::randomStep, World::checkInvariants).tries(Integer.getInteger("openmgm.model.tries", 1000)).maxSteps(60).run();
    }

    /** Draws one step; weights favour membership changes and packets, where the rules are. */
    static Step<World> randomStep(Random r) {
        int pid = PROTOCOLS[r.nextInt(PROTOCOLS.length)];
        // Mostly the protocol's "home" interfaces, so that many calls are legal; sometimes any.
        InterfaceId i = InterfaceId.of(r.nextInt(4) == 0 ? 1 + r.nextInt(5) : home(pid, r));
        SourceGroup k = KEYS.get(r.nextInt(KEYS.size()));
        InetAddress s = SOURCES[r.nextInt(SOURCES.length)];
        InetAddress g = GROUPS[r.nextInt(GROUPS.length)];
        Set<MembershipFlag> flags = switch (r.nextInt(4)) {
            case 0, 1 -> EnumSet.of(MembershipFlag.JOIN);
            case 2 -> EnumSet.of(MembershipFlag.FORWARD);
            default -> EnumSet.allOf(MembershipFlag.class);
        };
        int w = r.nextInt(31);
        if (w < 3) {
            int refuse = r.nextInt(4);
            long life = new long[] {0, 30, -1}[r.nextInt(3)];
            return new Step<>("register " + pid + " refusing if" + refuse + " lifetime " + life,
                    x -> x.register(pid, refuse, life));
        } else if (w < 4) {
            return new Step<>("depart " + pid, x -> x.depart(pid));
        } else if (w < 8) {
            return new Step<>("take " + pid + " " + i, x -> x.take(pid, i));
        } else if (w < 10) {
            return new Step<>("release " + pid + " " + i, x -> x.release(pid, i));
        } else if (w < 16) {
            return new Step<>("add " + pid + " " + k + " " + i + " " + flags, x -> x.add(pid, k, i, flags));
        } else if (w < 20) {
            return new Step<>("delete " + pid + " " + k + " " + i + " " + flags, x -> x.delete(pid, k, i, flags));
        } else if (w < 25) {
            return new Step<>("packet " + s.getHostAddress() + ">" + g.getHostAddress() + " on " + i,
                    x -> x.inject(i, s, g));
        } else if (w < 26) {
            long sec = new long[] {0, 1, 30, 899, 901}[r.nextInt(5)];
            return new Step<>("advance " + sec + " s", x -> x.advance(sec));
        } else if (w < 27) {
            String prefix = r.nextBoolean() ? "10.0.0.0/8" : "10.1.1.0/24";
            int via = r.nextInt(6);
            return new Step<>("route " + prefix + " via " + via, x -> x.route(prefix, via));
        } else if (w < 28) {
            Set<InetAddress> excluded = new TreeSet<>(java.util.Comparator.comparing(InetAddress::getHostAddress));
            for (InetAddress source : SOURCES) {
                if (r.nextBoolean()) {
                    excluded.add(source);
                }
            }
            return new Step<>("exclude " + pid + " " + g.getHostAddress() + " " + i + " " + excluded,
                    x -> x.exclude(pid, g, i, excluded));
        } else if (w < 29) {
            return new Step<>("upstream " + pid + " " + s.getHostAddress(), x -> x.upstream(pid, s, g));
        }
        return new Step<>("enumerate " + pid, x -> x.enumerate(pid));
    }

    static int home(int pid, Random r) {
        return switch (pid) {
            case 100 -> 1 + r.nextInt(2);
            case 200 -> 3;
            case 300 -> 4;
            default -> new int[] {1, 3, 5}[r.nextInt(3)];
        };
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The system under test, its protocols, and what they heard during the current step. */
    static final class World {
        final TestRouter router = new TestRouter(MgmSettings.DEFAULTS);
        final MulticastGroupManager mgm = router.mgm;
        final Map<Integer, Proto> protocols = new LinkedHashMap<>();
        final List<Proto> departed = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        final List<Heard> heard = new ArrayList<>();

        record Heard(int pid, ProtocolEvent event) {
        }

        World() {
            for (int pid : PROTOCOLS) {
                register(pid, 0, -1);
            }
        }

        final class Proto extends RecordingProtocol {
            final int pid;

            Proto(int pid, int refuse, long lifetimeSec) {
                this.pid = pid;
                if (refuse > 0) {
                    refuse(InterfaceId.of(refuse));
                }
                if (lifetimeSec >= 0) {
                    answerPruneLifetime(Duration.ofSeconds(lifetimeSec));
                }
            }

            @Override
            protected void record(ProtocolEvent event) {
                super.record(event);
                heard.add(new Heard(pid, event));
            }

            @Override
            public void enableIgmp(InterfaceId ifId) {
                super.enableIgmp(ifId);
                ProtocolId self = requireRegistration().id();
                if (mgm.memberships().stream().anyMatch(m -> m.client().equals(self) && m.ifId().equals(ifId))) {
                    violations.add("invariant 7: IGMP holds memberships on " + ifId + " when EnableIgmp arrives");
                }
            }
        }

        ProtocolRegistration handle(int pid) {
            Proto p = protocols.get(pid);
            return p == null ? departed.stream().filter(d -> d.pid == pid).reduce((x, y) -> y)
                    .map(RecordingProtocol::requireRegistration).orElse(null) : p.requireRegistration();
        }

        // ---------------------------------------------------------------- actions

        void register(int pid, int refuse, long lifetime) {
            Proto p = new Proto(pid, refuse, lifetime);
            step(() -> {
                mgm.register(ProtocolId.of(pid, 0), "p" + pid, "model", p);
                protocols.put(pid, p);
            });
        }

        void depart(int pid) {
            Proto p = protocols.remove(pid);
            if (p != null) {
                heard.clear();
                mgm.depart(((Registration) p.requireRegistration()).client());
                departed.add(p);
                router.runPending();
            }
        }

        void take(int pid, InterfaceId i) {
            ProtocolRegistration h = handle(pid);
            if (h != null) {
                step(() -> h.takeInterface(i));
            }
        }

        void release(int pid, InterfaceId i) {
            ProtocolRegistration h = handle(pid);
            if (h != null) {
                step(() -> h.releaseInterface(i));
            }
        }

        void add(int pid, SourceGroup k, InterfaceId i, Set<MembershipFlag> f) {
            ProtocolRegistration h = handle(pid);
            if (h != null) {
                Snapshot before = snapshot();
                boolean ok = step(() -> h.addMembership(k, i, f));
                if (ok && f.contains(MembershipFlag.JOIN)) {
                    checkAlerts(before, snapshot(), h, k, i, true);
                }
            }
        }

        void delete(int pid, SourceGroup k, InterfaceId i, Set<MembershipFlag> f) {
            ProtocolRegistration h = handle(pid);
            if (h != null) {
                Snapshot before = snapshot();
                boolean ok = step(() -> h.deleteMembership(k, i, f));
                if (ok && f.contains(MembershipFlag.JOIN)) {
                    checkAlerts(before, snapshot(), h, k, i, false);
                }
            }
        }

        void inject(InterfaceId i, InetAddress s, InetAddress g) {
            heard.clear();
            router.plane.addInterface(i);    // a stray link may carry data too (the plane ignores others)
            router.inject(i, s, g);
            if (mgm.interfaces().stream().noneMatch(o -> o.id().equals(i))
                    && mgm.mfes().noneMatch(m -> m.incomingInterface().equals(i))) {
                router.plane.removeInterface(i);
            }
        }

        void advance(long seconds) {
            heard.clear();
            router.scheduler.advance(Duration.ofSeconds(seconds));
        }

        void route(String prefix, int ifIndex) {
            heard.clear();
            if (ifIndex == 0) {
                router.plane.removeRoute(Prefix.parse(prefix));
            } else {
                router.plane.addRoute(Prefix.parse(prefix), InterfaceId.of(ifIndex), ip("10.0.0." + ifIndex));
            }
            router.runPending();
        }

        void exclude(int pid, InetAddress g, InterfaceId i, Set<InetAddress> sources) {
            ProtocolRegistration h = handle(pid);
            if (h != null) {
                step(() -> h.setExcludedSources(g, i, sources));
            }
        }

        void upstream(int pid, InetAddress s, InetAddress g) {
            ProtocolRegistration h = handle(pid);
            if (h != null) {
                step(() -> h.setMfeUpstreamNeighbor(s, g, ip("10.9.9.9")));
            }
        }

        void enumerate(int pid) {
            ProtocolRegistration h = handle(pid);
            if (h == null) {
                return;
            }
            Set<SourceGroup> expected = new TreeSet<>(mgm.memberships().stream().map(Membership::key).toList());
            step(() -> {
                try (GroupEnumeration e = h.openGroupEnumeration(EnumerationType.ALL_SOURCES)) {
                    List<SourceGroup> got = new ArrayList<>();
                    for (List<SourceGroup> batch = e.next(2); !batch.isEmpty(); batch = e.next(2)) {
                        got.addAll(batch);
                    }
                    if (!new ArrayList<>(expected).equals(got)) {
                        violations.add("enumeration " + got + " != memberships " + expected);
                    }
                }
            });
        }

        /** Runs a call; a refusal must leave everything as it was and call nobody back. */
        boolean step(Runnable call) {
            heard.clear();
            Snapshot before = snapshot();
            try {
                call.run();
                return true;
            } catch (MgmException e) {
                if (!before.equals(snapshot())) {
                    violations.add("refused call (" + e.getMessage() + ") changed the state");
                }
                if (!heard.isEmpty()) {
                    violations.add("refused call (" + e.getMessage() + ") delivered " + heard);
                }
                return false;
            }
        }

        // ---------------------------------------------------------------- oracle

        record Snapshot(List<InterfaceOwnership> interfaces, List<Membership> memberships, List<String> mfes) {
        }

        Snapshot snapshot() {
            return new Snapshot(mgm.interfaces(), mgm.memberships(),
                    mgm.mfes().map(m -> m.key() + " " + m.incomingInterface() + " " + m.outgoingInterfaces()
                            + " " + m.upstreamNeighbor()).toList());
        }

        /** The component of an interface: routing owner, else IGMP ([RES Q10]). */
        static Optional<ProtocolId> component(Snapshot s, InterfaceId i) {
            return s.interfaces().stream().filter(o -> o.id().equals(i)).findFirst().map(InterfaceOwnership::component);
        }

        static Set<ProtocolId> components(Snapshot s, SourceGroup k) {
            Set<ProtocolId> c = new LinkedHashSet<>();
            for (Membership m : s.memberships()) {
                if (m.key().equals(k)) {
                    component(s, m.ifId()).ifPresent(c::add);
                }
            }
            return c;
        }

        /** Spec §4.4.3 / §4.5.3 recomputed from the public views, against what was heard. */
        void checkAlerts(Snapshot before, Snapshot after, ProtocolRegistration caller, SourceGroup k, InterfaceId i,
                         boolean join) {
            Set<ProtocolId> b = components(before, k);
            Set<ProtocolId> a = components(after, k);
            ProtocolId c = component(join ? after : before, i).orElseThrow();
            List<ProtocolId> expected = new ArrayList<>();
            List<ProtocolId> registered = protocols.values().stream().map(p -> p.requireRegistration().id()).toList();
            if (k.kind() == SourceGroup.Kind.SOURCE_GROUP) {
                Optional<ProtocolId> towardS = router.plane.routeToward(k.sourceAddress().orElseThrow())
                        .map(ReversePath::incoming).flatMap(x -> component(before, x));
                boolean trigger = join ? b.isEmpty() && !a.isEmpty() : a.isEmpty() && b.contains(c);
                if (trigger && towardS.isPresent() && !towardS.get().equals(c)) {
                    expected.add(towardS.get());
                }
            } else {
                boolean arrived = join && !b.contains(c) && a.contains(c);
                boolean left = !join && b.contains(c) && !a.contains(c);
                if ((arrived && a.size() == 1) || (left && a.isEmpty())) {          // first / last: all others
                    registered.stream().filter(p -> !p.equals(c) && !p.equals(caller.id())).forEach(expected::add);
                } else if ((arrived && a.size() == 2) || (left && a.size() == 1)) { // second / one left: the other
                    a.stream().filter(p -> !p.equals(c)).forEach(expected::add);
                }
            }
            List<ProtocolId> got = heard.stream()
                    .filter(h -> join ? h.event() instanceof ProtocolEvent.JoinAlert ja && ja.memberUpdate()
                            && ja.key().equals(k) : h.event() instanceof ProtocolEvent.PruneAlert pa && pa.memberDelete()
                            && pa.key().equals(k))
                    .map(h -> ProtocolId.of(h.pid(), 0)).toList();
            if (!expected.equals(got)) {
                violations.add((join ? "join" : "prune") + " alerts for " + k + " on " + i + ": expected " + expected
                        + ", heard " + got + " (components " + b + " -> " + a + ")");
            }
        }

        // ---------------------------------------------------------------- invariants

        void checkInvariants() {
            List<InterfaceOwnership> ifs = mgm.interfaces();
            Map<InterfaceId, InterfaceOwnership> byId = new HashMap<>();
            Set<ProtocolId> active = protocols.values().stream().map(p -> p.requireRegistration().id())
                    .collect(Collectors.toSet());
            for (InterfaceOwnership o : ifs) {
                check(byId.put(o.id(), o) == null, "1: interface listed twice: " + o.id());
                o.routingProtocol().ifPresent(p -> check(active.contains(p), "5: " + p + " owns " + o.id()
                        + " but is not registered"));
            }
            for (Membership m : mgm.memberships()) {
                InterfaceOwnership o = byId.get(m.ifId());
                check(o != null, "2: membership on an interface nobody holds: " + m);
                if (o != null) {
                    boolean owner = o.routingProtocol().map(m.client()::equals).orElse(false);
                    boolean igmp = o.igmp().map(m.client()::equals).orElse(false);
                    check(owner || igmp, "2: membership by a client that does not hold the interface: " + m);
                }
            }
            Map<SourceGroup, ForwardingEntry> installed = router.plane.entries();
            List<Mfe> mfes = mgm.mfes().toList();
            check(installed.size() == mfes.size(), "4: plane holds " + installed.keySet() + ", MGM "
                    + mfes.stream().map(Mfe::key).toList());
            for (Mfe m : mfes) {
                check(!m.outgoingInterfaces().contains(m.incomingInterface()), "3: iif is an OIF in " + m);
                ForwardingEntry f = installed.get(m.key());
                check(f != null && f.incoming().equals(m.incomingInterface())
                        && f.outgoing().equals(List.copyOf(m.outgoingInterfaces())), "4: plane entry " + f + " differs from " + m);
                for (InterfaceId oif : m.outgoingInterfaces()) {
                    check(byId.containsKey(oif), "OIF " + oif + " of " + m.key() + " is not held by anyone");
                }
            }
            for (Proto p : departed) {
                if (protocols.get(p.pid) == null || protocols.get(p.pid) != p) {
                    check(!p.requireRegistration().isValid(), "5: a departed handle is still valid");
                    check(p.requireRegistration().interfaces().isEmpty(), "5: a departed protocol holds interfaces");
                }
            }
            if (!violations.isEmpty()) {
                throw new AssertionError(String.join("\n", violations));
            }
        }

        void check(boolean ok, String message) {
            if (!ok) {
                violations.add("invariant " + message);
            }
        }

        @Override
        public String toString() {
            return "World" + protocols.keySet();
        }
    }
}
