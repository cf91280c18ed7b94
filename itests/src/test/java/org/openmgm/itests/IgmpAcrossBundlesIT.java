package org.openmgm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openmgm.api.CallbackRecord;
import org.openmgm.api.IgmpService;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The IGMP bundle with the MGM and the simulated plane: IGMP runs on the configured simulated
 * interfaces, and a routing protocol bundle ("down") owns two of them. An IGMPv3 report there is
 * a local join to it (spec §4.6); the leave is a local leave (§4.7) once the last member queries
 * went unanswered (RFC 3376 §6.6.3.1), or at once with fast leave, and the forwarding entry stops
 * forwarding there. A protocol bundle that takes an interface IGMP already holds makes the MGM
 * bracket the change with disable then enable IGMP (§4.9), after which IGMP's memberships return.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class IgmpAcrossBundlesIT extends MgmTestSupport {

    static final InterfaceId IF7 = InterfaceId.of(7);
    static final InterfaceId IF8 = InterfaceId.of(8);
    static final InterfaceId IF9 = InterfaceId.of(9);
    static final InterfaceId IF10 = InterfaceId.of(10);
    static final Duration WAIT = Duration.ofSeconds(10);

    RecordingProtocol down;
    PacketSimulator plane;
    MulticastGroupService mgm;
    InetAddress g;
    InetAddress s;
    SourceGroup starG;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {bundle(new java.io.File(System.getProperty("itest.bundles"), "igmp.jar").toURI().toString())
                .startLevel(2)};
    }

    @Override
    protected void buildThrowawayBundles() {
        ThrowawayBundles.build("down", "1.0.0", 2001, 0, "7,9");
        ThrowawayBundles.build("up", "1.0.0", 2002, 0, "8");
        ThrowawayBundles.build("late", "1.0.0", 2003, 0, "10");
    }

    @Before
    public void router() throws Exception {
        g = InetAddress.getByName("239.1.1.1");
        s = InetAddress.getByName("10.8.1.1");
        starG = SourceGroup.anySource(g);
        awaitService(ConfigurationAdmin.class, null);
        // Held, not tracked: Felix's ConfigurationAdmin is a service factory whose object dies with its unget.
        ConfigurationAdmin cm = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        update(cm.getConfiguration("org.openmgm.forwarding.sim", "?"),
                "interfaces", "sim7 7 10.0.7.1/24, sim8 8 10.0.8.1/24, sim9 9 10.0.9.1/24, sim10 10 10.0.10.1/24",
                "routes", "10.8.0.0/16 8 10.0.8.254");
        update(cm.getFactoryConfiguration("org.openmgm.igmp", "sim7", "?"), "interface", "sim7",
                "lastMemberQueryInterval", "0.2");
        update(cm.getFactoryConfiguration("org.openmgm.igmp", "sim9", "?"), "interface", "sim9", "fastLeave", "true");
        update(cm.getFactoryConfiguration("org.openmgm.igmp", "sim10", "?"), "interface", "sim10");
        IgmpService igmp = awaitService(IgmpService.class, null);
        awaitTrue("IGMP runs on sim7, sim9, sim10", () -> igmp.interfaces().size() == 3);
        installAndStart("down", "1.0.0");
        installAndStart("up", "1.0.0");
        down = protocol(2001);
        mgm = mgm();
        plane = awaitService(PacketSimulator.class, null);
        awaitTrue("IGMP beside down on if7 and if9, alone on if10", () ->
                mgm.interfaceOwnership(IF7).map(o -> o.igmpPresent() && o.routingProtocol().isPresent()).orElse(false)
                && mgm.interfaceOwnership(IF9).map(o -> o.igmpPresent() && o.routingProtocol().isPresent()).orElse(false)
                && mgm.interfaceOwnership(IF10).map(o -> o.igmpPresent()).orElse(false)
                && mgm.protocolOnInterface(IF8).isPresent());
        plane.takeSentIgmp();
        down.clear();
    }

    private static void update(Configuration c, String... keyValues) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }

    @Test
    public void aV3ReportIsALocalJoinAndItsLeaveALocalLeaveAfterTheLastMemberQueries() throws Exception {
        host(IF7, "10.0.7.5", "224.0.0.22", IgmpBytes.v3Report(4, g));             // CHANGE_TO_EXCLUDE {}

        down.await(new ProtocolEvent.LocalJoin(starG, IF7)::equals, WAIT);
        assertEquals(PacketSimulator.Outcome.QUEUED, plane.inject(IF8, s, g, 100).outcome());
        awaitTrue("an MFE forwarding to if7", () -> mgm.mfe(s, g).map(m -> m.outgoingInterfaces().equals(Set.of(IF7)))
                .orElse(false));
        assertEquals(List.of(IF7), plane.inject(IF8, s, g, 100).forwardedTo());

        host(IF7, "10.0.7.5", "224.0.0.22", IgmpBytes.v3Report(3, g));             // CHANGE_TO_INCLUDE {}: leave

        down.await(new ProtocolEvent.LocalLeave(starG, IF7)::equals, WAIT);
        long groupQueries = plane.takeSentIgmp().stream()
                .filter(q -> q.ifId().equals(IF7) && q.destination().equals(g)).count();
        assertEquals("Last Member Query Count group-specific queries before the leave", 2, groupQueries);
        assertEquals(PacketSimulator.Outcome.DROPPED_NEGATIVE, plane.inject(IF8, s, g, 100).outcome());
        assertTrue(mgm.mfe(s, g).orElseThrow().isNegative());
    }

    @Test
    public void withFastLeaveTheLeaveIsALocalLeaveAtOnce() throws Exception {
        host(IF9, "10.0.9.5", g.getHostAddress(), IgmpBytes.v2Report(g));
        down.await(new ProtocolEvent.LocalJoin(starG, IF9)::equals, WAIT);
        plane.inject(IF8, s, g, 100);
        awaitTrue("an MFE forwarding to if9", () -> mgm.mfe(s, g).map(m -> m.outgoingInterfaces().contains(IF9))
                .orElse(false));

        host(IF9, "10.0.9.5", "224.0.0.2", IgmpBytes.v2Leave(g));

        down.await(new ProtocolEvent.LocalLeave(starG, IF9)::equals, WAIT);
        assertEquals("no group-specific query with fast leave", 0, plane.takeSentIgmp().stream()
                .filter(q -> q.ifId().equals(IF9) && q.destination().equals(g)).count());
        assertEquals(PacketSimulator.Outcome.DROPPED_NEGATIVE, plane.inject(IF8, s, g, 100).outcome());
    }

    @Test
    public void aProtocolTakingAnIgmpInterfaceIsBracketedByDisableThenEnable() throws Exception {
        host(IF10, "10.0.10.5", "224.0.0.22", IgmpBytes.v3Report(4, g));
        ProtocolId igmp = ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0);
        awaitTrue("IGMP's membership on if10", () -> mgm.memberships().stream()
                .anyMatch(m -> m.ifId().equals(IF10) && m.client().equals(igmp)));

        installAndStart("late", "1.0.0");
        RecordingProtocol late = protocol(2003);

        late.await(new ProtocolEvent.LocalJoin(starG, IF10)::equals, WAIT);           // IGMP re-added after enable
        List<String> journal = mgm.recentCallbacks(1000).stream()
                .filter(r -> r.subject().equals("if10") || r.callback().equals("local-join"))
                .map(r -> r.protocol().protocol() + " " + r.callback() + " " + r.subject() + " "
                        + (r.outcome() == CallbackRecord.Outcome.RETURNED ? "" : r.outcome()))
                .toList();
        int disable = journal.indexOf("10 disable-igmp if10 ");
        int enable = journal.indexOf("10 enable-igmp if10 ");
        int localJoin = journal.indexOf("2003 local-join " + starG + " ");
        assertTrue("disable, then enable, then IGMP's re-add: " + journal, 0 <= disable && disable < enable
                && enable < localJoin);
        assertEquals(Set.of(IF10), late.requireRegistration().interfaces());
        assertTrue(mgm.interfaceOwnership(IF10).orElseThrow().igmpPresent());
    }

    /** An IGMP message from a host on the link: TTL 1, Router Alert. */
    private void host(InterfaceId ifId, String from, String to, byte[] igmp) throws Exception {
        assertTrue("IGMP is enabled on " + ifId, plane.injectIgmp(new IgmpPacket(ifId, InetAddress.getByName(from),
                InetAddress.getByName(to), 1, true, ByteBuffer.wrap(igmp))));
    }
}
