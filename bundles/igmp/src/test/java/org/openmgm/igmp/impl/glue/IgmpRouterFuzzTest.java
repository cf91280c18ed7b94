package org.openmgm.igmp.impl.glue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.openmgm.api.FilterMode;
import org.openmgm.api.IgmpGroupStatus;
import org.openmgm.api.InterfaceId;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.igmp.impl.codec.IgmpCodec;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.openmgm.testing.ManualScheduler;

/**
 * Fuzz target over the whole receive path (codec + validation + state machine, RFC 3376 §6): a
 * sequence of packets — from hosts and routers on the link and off it, with any TTL, Router Alert
 * and destination, as fuzzed bytes or with their checksum made right — interleaved with time
 * passing. Nothing may escape the router, the limits hold, and what the listeners were told of
 * every group equals the router's state of it.
 */
class IgmpRouterFuzzTest {

    static final InterfaceId IF = InterfaceId.of(101);
    static final InetAddress[] SENDERS = {ip("10.0.101.7"), ip("10.0.101.8"), ip("10.0.101.0"), ip("0.0.0.0"),
        ip("10.0.101.1"), ip("10.0.101.200"), ip("192.0.2.1")};
    static final InetAddress[] DESTINATIONS = {ip("224.0.0.22"), ip("224.0.0.1"), ip("224.0.0.2"),
        ip("239.1.1.1"), ip("10.0.101.1"), ip("232.1.1.1")};

    @FuzzTest(maxDuration = "30s")
    void packetsAndTime(FuzzedDataProvider data) {
        ManualScheduler time = new ManualScheduler();
        SimulatedPlane plane = new SimulatedPlane(time.clock());
        plane.defineInterface(new NetworkInterfaceInfo(IF, "sim101", true, true,
                List.of(new NetworkInterfaceInfo.Address(ip("10.0.101.1"), 24))));
        IgmpRouter router = new IgmpRouter(plane, plane, time, time.clock());
        Map<InetAddress, IgmpGroup> told = new HashMap<>();
        router.addListener(new IgmpMembershipListener() {
            @Override
            public void interfaceStarted(InterfaceId ifId) {
            }

            @Override
            public void interfaceStopped(InterfaceId ifId) {
                told.clear();
            }

            @Override
            public void groupChanged(InterfaceId ifId, IgmpGroup group) {
                if (group.isJoined()) {
                    told.put(group.group(), group);
                } else {
                    told.remove(group.group());
                }
            }
        });
        router.start();
        int version = data.consumeInt(1, 3);
        boolean fastLeave = data.consumeBoolean();
        router.configure("fuzz", IgmpInterfaceSettings.parse(Map.of("interface", "sim101", "version", version,
                "fastLeave", fastLeave, "maxGroups", 16, "maxSourcesPerGroup", 8)).settings());
        time.runPending();

        while (data.remainingBytes() > 0) {
            if (data.consumeInt(0, 7) == 0) {
                time.advance(Duration.ofMillis(data.consumeLong(0, 300_000)));
                continue;
            }
            byte[] payload = data.consumeBytes(data.consumeInt(0, 120));
            if (data.consumeBoolean()) {
                payload = withChecksum(payload);
            }
            InetAddress from = data.pickValue(SENDERS);
            InetAddress to = data.pickValue(DESTINATIONS);
            int ttl = data.consumeBoolean() ? 1 : data.consumeInt(0, 255);
            plane.injectIgmp(new IgmpPacket(IF, from, to, ttl, data.consumeBoolean(), ByteBuffer.wrap(payload)));
            time.runPending();
        }
        List<IgmpGroupStatus> groups = router.groups(IF);
        if (groups.size() > 16) {
            throw new AssertionError("group limit exceeded: " + groups.size());
        }
        Map<InetAddress, List<Object>> state = new HashMap<>();
        for (IgmpGroupStatus g : groups) {
            if (g.sources().size() > 8) {
                throw new AssertionError("source limit exceeded in " + g);
            }
            // §6.3: what a listener must believe of the group.
            Set<InetAddress> listed = new HashSet<>();
            g.sources().stream().filter(x -> x.forwarded() == (g.mode() == FilterMode.INCLUDE))
                    .forEach(x -> listed.add(x.address()));
            if (g.mode() == FilterMode.EXCLUDE || !listed.isEmpty()) {
                state.put(g.group(), List.of(g.mode(), listed));
            }
        }
        Map<InetAddress, List<Object>> heard = new HashMap<>();
        told.forEach((group, last) -> heard.put(group, List.of(last.mode(), new HashSet<>(last.sources()))));
        if (!heard.equals(state)) {
            throw new AssertionError("listeners were told " + heard + " but the router holds " + state);
        }
    }

    /** Sets the RFC 1071 checksum (bytes 2–3) so that the input gets past it into the parsers. */
    static byte[] withChecksum(byte[] b) {
        if (b.length < 4) {
            return b;
        }
        byte[] c = b.clone();
        c[2] = 0;
        c[3] = 0;
        int sum = IgmpCodec.checksum(c, 0, c.length);
        c[2] = (byte) (sum >>> 8);
        c[3] = (byte) sum;
        return c;
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
