package org.openmgm.forwarding.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The rtnetlink codec against datagrams captured from Linux 6.18 ({@code
 * rtnetlink/capture-6.18.txt}, made by {@code net/capture_rtnetlink.py}; the file says what the
 * namespace held), and against malformed input.
 */
class RtnlCodecTest {

    static final int LO = 1;
    static final int ETH1 = 2;
    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_MULTICAST = 0x1000;

    @Test
    void aLinkDumpGivesIndexNameAndFlags() throws IOException {
        List<RtnlMessage> m = parse("links");
        assertEquals(3, m.size());
        RtnlMessage.Link lo = (RtnlMessage.Link) m.get(0);
        RtnlMessage.Link eth1 = (RtnlMessage.Link) m.get(1);
        assertEquals("lo", lo.name());
        assertEquals(LO, lo.index());
        assertEquals(0, lo.flags() & IFF_MULTICAST, "lo is not multicast-capable");
        assertEquals("eth1", eth1.name());
        assertEquals(ETH1, eth1.index());
        assertEquals(IFF_UP | IFF_RUNNING | IFF_MULTICAST, eth1.flags() & (IFF_UP | IFF_RUNNING | IFF_MULTICAST));
        assertEquals(new RtnlMessage.Done(7, false), m.get(2));
    }

    @Test
    void anAddressDumpGivesOwnAddressesAndWhichAreSecondary() throws IOException {
        List<RtnlMessage> m = parse("addrs");
        assertEquals(List.of(
                new RtnlMessage.Address(7, false, LO, 0x7f000001, 8, false),
                new RtnlMessage.Address(7, false, ETH1, 0x0a000101, 24, false),
                new RtnlMessage.Address(7, false, ETH1, 0x0a000109, 24, true),
                new RtnlMessage.Done(7, false)), m);
    }

    @Test
    void aRouteDumpGivesTablesTypesNextHopsAndMetrics() throws IOException {
        List<RtnlMessage> m = parse("routes");
        assertEquals(11, m.size());
        assertEquals(route(254, 0x0a000100, 24, 2, 1, ETH1, 0, 0), m.get(0), "connected: proto kernel");
        assertEquals(route(254, 0x0a050000, 16, 4, 1, ETH1, 0x0a000102, 20), m.get(1), "static, metric 20");
        assertEquals(route(254, 0x0a060000, 16, 3, 6, 0, 0, 0), m.get(2), "blackhole: no interface");
        assertEquals(route(254, 0x0a070000, 16, 3, 1, ETH1, 0x0a000102, 0), m.get(3), "multipath: the first hop");
        assertEquals(route(255, 0x0a000101, 32, 2, 2, ETH1, 0, 0), m.get(4), "the local table");
    }

    @Test
    void eventsCarryAdditionsDeletionsAndLinkState() throws IOException {
        Map<String, List<RtnlMessage>> events = events();
        RtnlMessage.Route added = (RtnlMessage.Route) events.get("ip_route_add_10.8.0.0/16_via_10.0.1.2_table_100").get(0);
        assertEquals(100, added.table());
        assertEquals(0x0a080000, added.destination());
        RtnlMessage.Route deleted = (RtnlMessage.Route) events.get("ip_route_del_10.5.0.0/16").get(0);
        assertTrue(deleted.deleted());
        assertEquals(20, deleted.priority(), "a deletion names the metric of the route it removes");
        List<RtnlMessage> addr = events.get("ip_addr_add_10.0.2.1/24_dev_eth1");
        assertEquals(new RtnlMessage.Address(addr.get(0).sequence(), false, ETH1, 0x0a000201, 24, false), addr.get(0));
        assertEquals(4, addr.size(), "the address, then the local, connected and broadcast routes it makes");
        RtnlMessage.Link down = (RtnlMessage.Link) events.get("ip_link_set_eth1_down").get(0);
        assertEquals(0, down.flags() & IFF_UP);
        assertEquals(1, events.get("ip_link_set_eth1_down").size(), "no route deletion is announced for a link going down");
    }

    @Test
    void dumpRequestsAreWellFormed() {
        ByteBuffer link = ByteBuffer.wrap(RtnlCodec.dumpRequest(RtnlCodec.RTM_GETLINK, 42)).order(ByteOrder.nativeOrder());
        assertEquals(32, link.getInt(0), "nlmsghdr + ifinfomsg");
        assertEquals(RtnlCodec.RTM_GETLINK, link.getShort(4));
        assertEquals(0x301, link.getShort(6), "NLM_F_REQUEST | NLM_F_DUMP");
        assertEquals(42, link.getInt(8));
        assertEquals(0, link.get(16), "AF_UNSPEC: links of every kind");
        ByteBuffer route = ByteBuffer.wrap(RtnlCodec.dumpRequest(RtnlCodec.RTM_GETROUTE, 1)).order(ByteOrder.nativeOrder());
        assertEquals(28, route.getInt(0), "nlmsghdr + rtmsg");
        assertEquals(2, route.get(16), "AF_INET");
        assertEquals(24, RtnlCodec.dumpRequest(RtnlCodec.RTM_GETADDR, 1).length, "nlmsghdr + ifaddrmsg");
    }

    @Test
    void malformedDatagramsEndTheParseWithoutThrowing() throws IOException {
        byte[] dump = HexFormat.of().parseHex(lines("routes").get(0));
        for (int cut = 0; cut < dump.length; cut += 7) {
            List<RtnlMessage> out = new ArrayList<>();
            RtnlCodec.parse(ByteBuffer.wrap(dump, 0, cut), out::add);
            assertTrue(out.size() <= 10);
        }
        byte[] bad = dump.clone();
        bad[0] = 3;                                          // nlmsg_len 3: shorter than a header
        List<RtnlMessage> out = new ArrayList<>();
        RtnlCodec.parse(ByteBuffer.wrap(bad), out::add);
        assertEquals(List.of(), out);
        byte[] attr = dump.clone();
        attr[28] = 2;                                        // first attribute claims 2 bytes: skipped, message kept
        out.clear();
        RtnlCodec.parse(ByteBuffer.wrap(attr), out::add);
        assertEquals(10, out.size());
    }

    @Test
    void anErrorAnswerCarriesThePositiveErrno() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(9).putInt(0).putInt(-1);
        List<RtnlMessage> out = new ArrayList<>();
        RtnlCodec.parse(b.position(36).flip(), out::add);     // the failed request's header follows, zeros here
        assertEquals(List.of(new RtnlMessage.Error(9, 1)), out);
    }

    static RtnlMessage.Route route(int table, int dst, int len, int proto, int type, int oif, int gw, int metric) {
        return new RtnlMessage.Route(7, false, table, dst, len, 0, proto, type, oif, gw, metric, false);
    }

    static List<RtnlMessage> parse(String what) throws IOException {
        List<RtnlMessage> out = new ArrayList<>();
        for (String hex : lines(what)) {
            RtnlCodec.parse(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), out::add);
        }
        return out;
    }

    static Map<String, List<RtnlMessage>> events() throws IOException {
        Map<String, List<RtnlMessage>> out = new LinkedHashMap<>();
        for (String line : capture()) {
            String[] f = line.split(" ");
            if (f[0].equals("event")) {
                RtnlCodec.parse(ByteBuffer.wrap(HexFormat.of().parseHex(f[2])),
                        m -> out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(m));
            }
        }
        return out;
    }

    static List<String> lines(String what) throws IOException {
        return capture().stream().filter(l -> l.startsWith(what + " ")).map(l -> l.split(" ")[2]).toList();
    }

    static List<String> capture() throws IOException {
        try (InputStream in = RtnlCodecTest.class.getResourceAsStream("/rtnetlink/capture-6.18.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }
}
