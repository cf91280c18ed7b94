package org.openmgm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.Mfe;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.Prefix;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.PacketSimulator;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * The MGM's membership and forwarding rules across bundles, on the simulated plane: two routing
 * protocol bundles (alpha owns if7; beta owns if8, the interface toward the sources, and if10) and
 * an IGMP-like client bundle beside alpha on if7. Membership on alpha's interface produces the
 * local join, join alert and creation alert of spec §5.6/§5.8; removing it the local leave and
 * prune alerts; uninstalling alpha mid-state delivers the alerts of §5.12/§5.13 and leaves beta's
 * interfaces and forwarding entries untouched.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MembershipAcrossBundlesIT extends MgmTestSupport {

    static final InterfaceId IF7 = InterfaceId.of(7);
    static final InterfaceId IF8 = InterfaceId.of(8);
    static final InterfaceId IF10 = InterfaceId.of(10);
    static final ProtocolId ALPHA = ProtocolId.of(1001, 0);
    static final ProtocolId BETA = ProtocolId.of(1002, 0);
    static final Duration WAIT = Duration.ofSeconds(10);

    RecordingProtocol alpha;
    RecordingProtocol beta;
    RecordingProtocol igmp;
    PacketSimulator plane;
    MulticastGroupService mgm;
    Bundle alphaBundle;
    InetAddress s;
    InetAddress g;
    SourceGroup starG;
    SourceGroup sg;

    @Override
    protected void buildThrowawayBundles() {
        ThrowawayBundles.build("alpha", "1.0.0", 1001, 0, "7");
        ThrowawayBundles.build("beta", "1.0.0", 1002, 0, "8,10");
        ThrowawayBundles.build("igmp", "1.0.0", ProtocolId.IGMP_PROTOCOL, 0, "7");
    }

    @Before
    public void routers() throws Exception {
        s = InetAddress.getByName("10.1.1.1");
        g = InetAddress.getByName("239.1.1.1");
        starG = SourceGroup.anySource(g);
        sg = SourceGroup.of(s, g);
        alphaBundle = installAndStart("alpha", "1.0.0");
        installAndStart("beta", "1.0.0");
        installAndStart("igmp", "1.0.0");
        alpha = protocol(1001);
        beta = protocol(1002);
        igmp = protocol(ProtocolId.IGMP_PROTOCOL);
        mgm = mgm();
        awaitTrue("IGMP beside alpha on if7", () -> mgm.interfaceOwnership(IF7).map(o -> o.igmpPresent()).orElse(false)
                && mgm.protocolOnInterface(IF10).isPresent());
        plane = awaitService(PacketSimulator.class, null);
        plane.addRoute(Prefix.parse("10.0.0.0/8"), IF8, InetAddress.getByName("10.8.0.1"));
        alpha.clear();
        beta.clear();
        igmp.clear();
    }

    @Test
    public void igmpMembershipOnAlphasInterfaceYieldsLocalJoinJoinAlertAndCreationAlert() throws Exception {
        igmp.requireRegistration().addMembership(starG, IF7);

        assertEquals(List.of(new ProtocolEvent.LocalJoin(starG, IF7)), alpha.events());
        assertEquals(List.of(new ProtocolEvent.JoinAlert(starG, true)), beta.events());

        assertEquals(PacketSimulator.Outcome.QUEUED, plane.inject(IF8, s, g, 100).outcome());
        beta.await(e -> e instanceof ProtocolEvent.JoinAlert ja && !ja.memberUpdate(), WAIT);
        assertEquals(List.of(new ProtocolEvent.JoinAlert(starG, true), new ProtocolEvent.Rpf(sg, IF8),
                new ProtocolEvent.JoinAlert(sg, false)), beta.events());
        assertEquals(new ProtocolEvent.CreationAlert(sg, IF8, List.of(new CandidateInterface(IF7, true))),
                alpha.events().get(1));
        Mfe mfe = mgm.mfe(s, g).orElseThrow();
        assertEquals(IF8, mfe.incomingInterface());
        assertEquals(Set.of(IF7), mfe.outgoingInterfaces());
        assertEquals(List.of(IF7), plane.inject(IF8, s, g, 100).forwardedTo());
    }

    @Test
    public void removingItYieldsLocalLeaveAndPruneAlertsAndStopsForwarding() throws Exception {
        igmp.requireRegistration().addMembership(starG, IF7);
        plane.inject(IF8, s, g, 100);
        beta.await(e -> e instanceof ProtocolEvent.JoinAlert ja && !ja.memberUpdate(), WAIT);
        alpha.clear();
        beta.clear();

        igmp.requireRegistration().deleteMembership(starG, IF7);

        assertEquals(List.of(new ProtocolEvent.LocalLeave(starG, IF7)), alpha.events());
        assertEquals(List.of(new ProtocolEvent.PruneAlert(starG, IF7, true), new ProtocolEvent.PruneAlert(sg, IF8, false)),
                beta.events());
        assertTrue(mgm.mfe(s, g).orElseThrow().isNegative());
        assertEquals(PacketSimulator.Outcome.DROPPED_NEGATIVE, plane.inject(IF8, s, g, 100).outcome());
    }

    @Test
    public void uninstallingAlphaMidStateLeavesBetaUntouchedAndDeliversTheSpecifiedAlerts() throws Exception {
        InetAddress s2 = InetAddress.getByName("10.2.2.2");
        InetAddress g2 = InetAddress.getByName("239.2.2.2");
        igmp.requireRegistration().addMembership(starG, IF7);
        beta.requireRegistration().addMembership(SourceGroup.anySource(g2), IF10);
        plane.inject(IF8, s, g, 100);
        plane.inject(IF8, s2, g2, 100);
        awaitTrue("both MFEs exist", () -> mgm.mfe(s, g).isPresent() && mgm.mfe(s2, g2).isPresent());
        Mfe betasOwn = mgm.mfe(s2, g2).orElseThrow();
        beta.clear();
        igmp.clear();

        alphaBundle.uninstall();

        assertEquals(List.of(new ProtocolEvent.DisableIgmp(IF7), new ProtocolEvent.EnableIgmp(IF7)), igmp.events());
        assertEquals(List.of(new ProtocolEvent.PruneAlert(starG, IF7, true),
                new ProtocolEvent.DeletionAlert(sg, IF8, MfeDeletionReason.OWNERSHIP_CHANGED)), beta.events());
        assertEquals(Optional.empty(), mgm.mfe(s, g));
        assertEquals(betasOwn.outgoingInterfaces(), mgm.mfe(s2, g2).orElseThrow().outgoingInterfaces());
        assertEquals(List.of(IF10), plane.inject(IF8, s2, g2, 100).forwardedTo());
        assertEquals(Optional.of(BETA), mgm.protocolOnInterface(IF8));
        assertEquals(Optional.of(BETA), mgm.protocolOnInterface(IF10));
        assertEquals(Optional.of(ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0)), mgm.protocolOnInterface(IF7));
        assertFalse(mgm.protocol(ALPHA).isPresent());
        // IGMP re-adds after enable; on the now IGMP-only if7 it is its own component.
        igmp.requireRegistration().addMembership(starG, IF7);
        assertEquals(new ProtocolEvent.JoinAlert(starG, true), beta.events().get(beta.events().size() - 1));
    }
}
