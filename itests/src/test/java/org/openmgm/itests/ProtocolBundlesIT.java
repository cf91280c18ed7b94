package org.openmgm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openmgm.api.FilterMode;
import org.openmgm.api.IgmpService;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.MulticastGroupService;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.HostMembership;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.PacketSimulator;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The routing-protocol bundles in Felix with the MGM, IGMP and the simulated plane: each
 * installs, binds (takes its interfaces, routes), and when uninstalled leaves nothing it held;
 * the other protocol's state stays untouched.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ProtocolBundlesIT extends MgmTestSupport {

    static final InterfaceId IF1 = InterfaceId.of(1);
    static final InterfaceId IF2 = InterfaceId.of(2);
    static final InterfaceId IF5 = InterfaceId.of(5);
    static final InterfaceId IF6 = InterfaceId.of(6);
    static final ProtocolId STATIC = ProtocolId.of(1010, 0);
    static final ProtocolId PROXY = ProtocolId.of(1020, 0);

    ConfigurationAdmin cm;
    MulticastGroupService mgm;
    PacketSimulator plane;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {bundle(jar("igmp")).startLevel(2)};
    }

    private static String jar(String name) {
        return new File(System.getProperty("itest.bundles"), name + ".jar").toURI().toString();
    }

    @Before
    public void router() throws Exception {
        awaitService(ConfigurationAdmin.class, null);
        cm = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        update(cm.getConfiguration("org.openmgm.forwarding.sim", "?"), "interfaces",
                "eth1 1 10.0.1.1/24, eth2 2 10.0.2.1/24, up5 5 10.0.5.1/24, down6 6 10.0.6.1/24");
        mgm = mgm();
        plane = awaitService(PacketSimulator.class, null);
    }

    private static void update(Configuration c, String... keyValues) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }

    private Bundle installStatic() throws Exception {
        update(cm.getFactoryConfiguration("org.openmgm.protocol.static.route", "r1", "?"), "from", "eth1",
                "source", "10.0.1.5", "group", "239.1.1.1", "to", "eth2");
        Bundle b = context.installBundle(jar("protocol-static"));
        b.start();
        return b;
    }

    private Bundle installProxy() throws Exception {
        update(cm.getFactoryConfiguration("org.openmgm.igmp", "down6", "?"), "interface", "down6");
        update(cm.getConfiguration("org.openmgm.protocol.igmpproxy", "?"), "upstream", "up5", "downstream", "down6");
        Bundle b = context.installBundle(jar("protocol-igmp-proxy"));
        b.start();
        return b;
    }

    @Test
    public void theStaticBundleRoutesAtOnceAndLeavesNothingWhenUninstalled() throws Exception {
        Bundle b = installStatic();
        InetAddress s = InetAddress.getByName("10.0.1.5");
        InetAddress g = InetAddress.getByName("239.1.1.1");

        awaitTrue("the (S,G) route is in the plane", () -> plane.entries().containsKey(SourceGroup.of(s, g)));
        assertEquals(Optional.of(STATIC), mgm.protocolOnInterface(IF1));
        assertEquals(List.of(IF2), plane.inject(IF1, s, g, 100).forwardedTo());

        b.uninstall();

        awaitTrue("nothing left", () -> plane.entries().isEmpty() && mgm.interfaces().stream()
                .noneMatch(o -> o.routingProtocol().equals(Optional.of(STATIC))));
        assertTrue(mgm.protocol(STATIC).isEmpty());
    }

    @Test
    public void theProxyBundleJoinsUpstreamAndRemovingItLeavesTheStaticRoutesAlone() throws Exception {
        installStatic();
        Bundle proxy = installProxy();
        IgmpService igmp = awaitService(IgmpService.class, null);
        awaitTrue("IGMP on down6, the proxy on up5", () -> igmp.interfaces().size() == 1
                && mgm.protocolOnInterface(IF5).equals(Optional.of(PROXY)));
        HostMembership host = awaitService(HostMembership.class, null);
        InetAddress g = InetAddress.getByName("239.5.5.5");

        assertTrue(plane.injectIgmp(new IgmpPacket(IF6, InetAddress.getByName("10.0.6.7"),
                InetAddress.getByName("224.0.0.22"), 1, true, ByteBuffer.wrap(IgmpBytes.v3Report(4, g)))));
        awaitTrue("the proxy joined upstream", () -> host.filters(IF5).containsKey(g));
        assertEquals(new IgmpGroup(g, FilterMode.EXCLUDE, Set.of(), 3), host.filters(IF5).get(g));
        InetAddress s = InetAddress.getByName("192.0.2.1");
        plane.addRoute(org.openmgm.api.Prefix.parse("0.0.0.0/0"), IF5, InetAddress.getByName("10.0.5.254"));
        plane.inject(IF5, s, g, 100);
        awaitTrue("upstream data reaches down6", () -> plane.inject(IF5, s, g, 100).forwardedTo().equals(List.of(IF6)));
        var staticEntry = plane.entries().get(SourceGroup.of(InetAddress.getByName("10.0.1.5"),
                InetAddress.getByName("239.1.1.1")));

        proxy.uninstall();

        awaitTrue("the proxy left upstream and released its interfaces", () -> host.filters(IF5).isEmpty()
                && mgm.protocol(PROXY).isEmpty());
        assertEquals("the static route is untouched", staticEntry, plane.entries().get(SourceGroup.of(
                InetAddress.getByName("10.0.1.5"), InetAddress.getByName("239.1.1.1"))));
        assertEquals(Optional.of(STATIC), mgm.protocolOnInterface(IF1));
    }
}
