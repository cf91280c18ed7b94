package org.openmgm.forwarding.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmgm.api.InterfaceId;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.InterfaceListener;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.spi.PacketSimulator.SentIgmp;

/** The simulated interface directory and IGMP link. */
class SimulatedInterfacesTest {

    static final InterfaceId IF1 = InterfaceId.of(101);
    static final InterfaceId IF2 = InterfaceId.of(102);

    final SimulatedInterfaces links = new SimulatedInterfaces();
    final List<String> heard = new ArrayList<>();
    final List<IgmpPacket> received = new ArrayList<>();

    SimulatedInterfacesTest() {
        links.addListener(new InterfaceListener() {
            @Override
            public void interfaceChanged(NetworkInterfaceInfo current) {
                heard.add("changed " + current.name());
            }

            @Override
            public void interfaceRemoved(NetworkInterfaceInfo last) {
                heard.add("removed " + last.name());
            }
        });
    }

    @Test
    void definingAndUndefiningTellsTheListenersAndTheDirectoryAnswers() {
        links.define(info("sim101", IF1, "10.0.101.1", 24));
        links.define(info("sim102", IF2, "10.0.102.1", 24));

        assertEquals(List.of("sim101", "sim102"), links.interfaces().stream().map(NetworkInterfaceInfo::name).toList());
        assertEquals(IF2, links.byName("sim102").orElseThrow().id());
        assertEquals("sim101", links.byId(IF1).orElseThrow().name());
        assertTrue(links.undefine(IF1));
        assertFalse(links.undefine(IF1), "already gone");
        assertTrue(links.byName("sim101").isEmpty());
        assertEquals(List.of("changed sim101", "changed sim102", "removed sim101"), heard);
    }

    @Test
    void replacingRemovesWhatIsNoLongerConfiguredAndLeavesUnchangedInterfacesAlone() {
        links.replace(List.of(info("a", IF1, "10.0.101.1", 24), info("b", IF2, "10.0.102.1", 24)));
        heard.clear();

        links.replace(List.of(info("b", IF2, "10.0.102.1", 24), info("c", InterfaceId.of(103), "10.0.103.1", 24)));

        assertEquals(List.of("removed a", "changed c"), heard, "b is unchanged and not re-announced");
    }

    @Test
    void igmpIsDeliveredOnlyOnEnabledInterfacesWhileReceiving() {
        links.define(info("sim101", IF1, "10.0.101.1", 24));
        links.define(info("sim102", IF2, "10.0.102.1", 24));
        assertFalse(links.inject(packet(IF1)), "nobody receives yet");

        links.startReceiving(received::add);
        links.enable(IF1);

        assertTrue(links.inject(packet(IF1)));
        assertFalse(links.inject(packet(IF2)), "IGMP is not enabled on sim102");
        assertEquals(1, received.size());
        assertTrue(received.get(0).payload().isReadOnly(), "receivers cannot change the injected bytes");

        links.disable(IF1);
        assertFalse(links.inject(packet(IF1)));
        links.enable(IF1);
        links.stopReceiving();
        assertFalse(links.inject(packet(IF1)), "stopping disables every interface");
    }

    @Test
    void anInterfaceThatVanishesStopsReceivingIgmp() {
        links.define(info("sim101", IF1, "10.0.101.1", 24));
        links.startReceiving(received::add);
        links.enable(IF1);

        links.undefine(IF1);
        links.define(info("sim101", IF1, "10.0.101.1", 24));

        assertFalse(links.inject(packet(IF1)), "IGMP must enable the returning interface again");
    }

    @Test
    void sentMessagesAreRecordedInOrderAndTakenOnce() {
        links.define(info("sim101", IF1, "10.0.101.1", 24));
        byte[] query = {0x11, 0x64, 0, 0};

        links.send(IF1, ip("224.0.0.1"), query);
        query[0] = 0; // the caller's buffer may be reused: the recorded copy must not change
        links.send(IF1, ip("239.1.1.1"), new byte[] {0x11});

        List<SentIgmp> sent = links.takeSent();
        assertEquals(2, sent.size());
        assertEquals(ip("224.0.0.1"), sent.get(0).destination());
        assertArrayEquals(new byte[] {0x11, 0x64, 0, 0}, sent.get(0).message());
        assertTrue(links.takeSent().isEmpty());
    }

    @Test
    void enablingOrSendingOnAnUnknownInterfaceFailsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> links.enable(IF1));
        assertTrue(e.getMessage().contains("101"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> links.send(IF1, ip("224.0.0.1"), new byte[8]));
    }

    @Test
    void configuredInterfacesAreParsedAndMalformedEntriesReportedAndSkipped() {
        Map<String, String> errors = new java.util.LinkedHashMap<>();

        List<NetworkInterfaceInfo> parsed = SimulatedInterfaces.parse(
                "sim101 101 10.0.101.1/24, bad, sim102 102 10.0.102.1, sim103 x 10.0.103.1/24, sim104 104 10.0.104.1/99,"
                        + " sim105 105 10.0.105.1/24", errors::put);

        assertEquals(List.of("sim101", "sim105"), parsed.stream().map(NetworkInterfaceInfo::name).toList());
        assertEquals(List.of("bad", "sim102 102 10.0.102.1", "sim103 x 10.0.103.1/24", "sim104 104 10.0.104.1/99"),
                List.copyOf(errors.keySet()));
        assertTrue(errors.get("sim102 102 10.0.102.1").contains("prefix length"), errors.toString());
        NetworkInterfaceInfo first = parsed.get(0);
        assertTrue(first.onLink(ip("10.0.101.77")));
        assertFalse(first.onLink(ip("10.0.102.77")));
        assertEquals(ip("10.0.101.1"), first.primaryAddress().orElseThrow().address());
        assertTrue(SimulatedInterfaces.parse(null, errors::put).isEmpty());
        assertEquals(1, SimulatedInterfaces.parse(new String[] {"a 7 10.7.0.1/16"}, errors::put).size());
    }

    @Test
    void hostFiltersAreKeptAndEachChangeIsReportedAsAHostWould() {
        links.define(info("sim101", IF1, "10.0.101.1", 24));
        InetAddress g = ip("239.1.1.1");

        links.setFilter(IF1, g, org.openmgm.api.FilterMode.EXCLUDE, java.util.Set.of());
        links.setFilter(IF1, g, org.openmgm.api.FilterMode.EXCLUDE, java.util.Set.of());     // no change
        links.setFilter(IF1, g, org.openmgm.api.FilterMode.INCLUDE, java.util.Set.of(ip("10.9.9.9")));
        assertEquals(java.util.Set.of(g), links.filters(IF1).keySet());
        links.setFilter(IF1, g, org.openmgm.api.FilterMode.INCLUDE, java.util.Set.of());      // leave

        List<SentIgmp> sent = links.takeSent();
        assertEquals(3, sent.size());
        assertEquals(ip("224.0.0.22"), sent.get(0).destination());
        assertArrayEquals(new byte[] {0x22, 0, (byte) 0xe9, (byte) 0xfb, 0, 0, 0, 1, 4, 0, 0, 0, (byte) 239, 1, 1, 1},
                sent.get(0).message(), "a v3 report: TO_EX {} for 239.1.1.1");
        assertEquals(3, sent.get(2).message()[8], "TO_IN {}: the leave");
        assertTrue(links.filters(IF1).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> links.setFilter(IF2, g, org.openmgm.api.FilterMode.EXCLUDE, java.util.Set.of()));
    }

    static NetworkInterfaceInfo info(String name, InterfaceId id, String address, int length) {
        return new NetworkInterfaceInfo(id, name, true, true, List.of(new NetworkInterfaceInfo.Address(ip(address), length)));
    }

    static IgmpPacket packet(InterfaceId ifId) {
        return new IgmpPacket(ifId, ip("10.0.101.9"), ip("224.0.0.22"), 1, true, ByteBuffer.wrap(new byte[] {0x22, 0, 0, 0}));
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
