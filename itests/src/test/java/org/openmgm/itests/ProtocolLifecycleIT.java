package org.openmgm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MgmException;
import org.openmgm.api.MgmStatus;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.RegisteredProtocol;
import org.openmgm.testing.ProtocolEvent;
import org.openmgm.testing.RecordingProtocol;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Registration and interface ownership across bundles (spec §2.5, §3.1–3.5, §5.13): protocols
 * are throwaway bundles built with TinyBundles; installing, stopping, updating and uninstalling
 * them must register, re-register and release exactly as specified.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ProtocolLifecycleIT extends MgmTestSupport {

    static final InterfaceId IF7 = InterfaceId.of(7);
    static final InterfaceId IF8 = InterfaceId.of(8);
    static final ProtocolId ALPHA = ProtocolId.of(1001, 0);
    static final ProtocolId BETA = ProtocolId.of(1002, 0);
    static final ProtocolId IGMP = ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0);

    @Override
    protected void buildThrowawayBundles() {
        ThrowawayBundles.build("alpha", "1.0.0", 1001, 0, "7,8");
        ThrowawayBundles.build("alpha", "1.1.0", 1001, 0, "7");
        ThrowawayBundles.build("beta", "1.0.0", 1002, 0, "");
        ThrowawayBundles.build("igmp", "1.0.0", ProtocolId.IGMP_PROTOCOL, 0, "7");
        ThrowawayBundles.build("alpha-twin", "1.0.0", 1001, 0, "");
    }

    @Test
    public void theMgmComponentIsActive() {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs(bundleNamed("org.openmgm.core")).stream()
                .filter(d -> d.name.equals("org.openmgm.core.impl.MgmComponent")).findFirst()
                .orElseThrow(() -> new AssertionError("MGM component not declared"));
        awaitTrue("the MGM component is active", () -> scr.getComponentConfigurationDTOs(description).stream()
                .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE));
        assertTrue(mgm().protocols().isEmpty());
    }

    @Test
    public void aProtocolBundleRegistersAndOwnsItsInterfaces() throws Exception {
        Bundle alpha = installAndStart("alpha", "1.0.0");

        RecordingProtocol protocol = protocol(1001);
        awaitTrue("alpha owns if7 and if8", () -> mgm().protocolOnInterface(IF8).isPresent());
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF7));
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF8));
        RegisteredProtocol registered = mgm().protocol(ALPHA).orElseThrow();
        assertEquals(alpha.getSymbolicName(), registered.bundle());
        assertEquals(List.of(IF7, IF8), List.copyOf(registered.interfaces()));
        assertEquals(new ProtocolEvent.Attached(ALPHA), protocol.events().get(0));
    }

    @Test
    public void aSecondProtocolIsRefusedTheSameInterfaceWithAlreadyExists() throws Exception {
        installAndStart("alpha", "1.0.0");
        installAndStart("beta", "1.0.0");
        awaitTrue("alpha owns if7", () -> mgm().protocolOnInterface(IF7).isPresent());
        ProtocolRegistration beta = protocol(1002).requireRegistration();

        try {
            beta.takeInterface(IF7);
            fail("beta must not get an interface alpha owns");
        } catch (MgmException e) {
            assertEquals(MgmStatus.ALREADY_EXISTS, e.status());
        }
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF7));
        assertTrue(beta.interfaces().isEmpty());
    }

    @Test
    public void uninstallingAProtocolBundleReleasesItsInterfacesForOthers() throws Exception {
        Bundle alpha = installAndStart("alpha", "1.0.0");
        installAndStart("beta", "1.0.0");
        awaitTrue("alpha owns if8", () -> mgm().protocolOnInterface(IF8).isPresent());
        RecordingProtocol alphaProtocol = protocol(1001);
        ProtocolRegistration oldHandle = alphaProtocol.requireRegistration();

        alpha.uninstall();

        MulticastGroupService mgm = mgm();
        assertEquals(Optional.empty(), mgm.protocolOnInterface(IF7));
        assertEquals(Optional.empty(), mgm.protocolOnInterface(IF8));
        assertEquals(Optional.empty(), mgm.protocol(ALPHA));
        assertFalse(oldHandle.isValid());
        assertEquals(new ProtocolEvent.Detached(ALPHA), alphaProtocol.events().get(alphaProtocol.events().size() - 1));
        ProtocolRegistration beta = protocol(1002).requireRegistration();
        beta.takeInterface(IF7);
        assertEquals(Optional.of(BETA), mgm.protocolOnInterface(IF7));
    }

    @Test
    public void stoppingAndStartingAProtocolBundleReRegistersItCleanly() throws Exception {
        Bundle alpha = installAndStart("alpha", "1.0.0");
        awaitTrue("alpha owns if8", () -> mgm().protocolOnInterface(IF8).isPresent());
        ProtocolRegistration first = protocol(1001).requireRegistration();

        alpha.stop();
        assertEquals(Optional.empty(), mgm().protocolOnInterface(IF7));
        assertFalse(first.isValid());
        alpha.start();

        RecordingProtocol again = protocol(1001);
        awaitTrue("alpha owns if8 again", () -> mgm().protocolOnInterface(IF8).isPresent());
        assertNotSame(first, again.requireRegistration());
        assertTrue(again.requireRegistration().isValid());
        assertEquals(1, mgm().protocols().size());
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF7));
    }

    @Test
    public void updatingAProtocolBundleReplacesItsRegistrationWithTheNewVersion() throws Exception {
        Bundle alpha = installAndStart("alpha", "1.0.0");
        awaitTrue("alpha owns if8", () -> mgm().protocolOnInterface(IF8).isPresent());

        try (var in = java.nio.file.Files.newInputStream(ThrowawayBundles.jar("alpha", "1.1.0"))) {
            alpha.update(in);
        }

        awaitTrue("alpha 1.1 owns if7", () -> mgm().protocolOnInterface(IF7).isPresent());
        assertEquals("1.1.0", alpha.getVersion().toString());
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF7));
        assertEquals("version 1.1 takes only if7", Optional.empty(), mgm().protocolOnInterface(IF8));
        assertEquals(1, mgm().protocols().size());
    }

    @Test
    public void takingAnInterfaceHeldByIgmpBracketsItWithDisableAndEnableAcrossBundles() throws Exception {
        installAndStart("igmp", "1.0.0");
        RecordingProtocol igmp = protocol(ProtocolId.IGMP_PROTOCOL);
        awaitTrue("IGMP holds if7", () -> mgm().protocolOnInterface(IF7).isPresent());
        assertEquals(Optional.of(IGMP), mgm().protocolOnInterface(IF7));

        installAndStart("alpha", "1.0.0");
        awaitTrue("alpha owns if8", () -> mgm().protocolOnInterface(IF8).isPresent());

        assertEquals(List.of(new ProtocolEvent.Attached(IGMP), new ProtocolEvent.DisableIgmp(IF7),
                new ProtocolEvent.EnableIgmp(IF7)), igmp.events());
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF7));
        assertTrue(mgm().interfaceOwnership(IF7).orElseThrow().igmpPresent());
    }

    @Test
    public void aDuplicateProtocolServiceIsRefusedAndTheFirstKeepsWorking() throws Exception {
        installAndStart("alpha", "1.0.0");
        awaitTrue("alpha owns if8", () -> mgm().protocolOnInterface(IF8).isPresent());

        Bundle twin = installAndStart("alpha-twin", "1.0.0");

        assertEquals(Bundle.ACTIVE, twin.getState());
        RegisteredProtocol registered = mgm().protocol(ALPHA).orElseThrow();
        assertEquals("org.openmgm.itests.throwaway.alpha", registered.bundle());
        twin.uninstall();
        assertEquals("the refused twin leaving does not disturb alpha", Optional.of(ALPHA),
                mgm().protocolOnInterface(IF7));
    }

    @Test
    public void restartingTheCoreDetachesAndReattachesProtocols() throws Exception {
        installAndStart("alpha", "1.0.0");
        awaitTrue("alpha owns if8", () -> mgm().protocolOnInterface(IF8).isPresent());
        RecordingProtocol protocol = protocol(1001);
        Bundle core = bundleNamed("org.openmgm.core");

        core.stop();
        assertTrue(protocol.events().contains(new ProtocolEvent.Detached(ALPHA)));
        assertFalse(hasService(context, MulticastGroupService.class, null));
        core.start();

        awaitTrue("alpha owns if8 in the new MGM", () -> mgm().protocolOnInterface(IF8).isPresent());
        assertEquals(2, protocol.events(ProtocolEvent.Attached.class).size());
        assertEquals(Optional.of(ALPHA), mgm().protocolOnInterface(IF7));
    }
}
