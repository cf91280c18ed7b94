package org.openmgm.shell.impl.commands;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Mfe;
import org.openmgm.api.MfeCounters;
import org.openmgm.api.MfeStatistics;
import org.openmgm.api.ProtocolId;
import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.Format;
import org.openmgm.shell.impl.Models;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.openmgm.shell.impl.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mroute}: the multicast routing table, the {@code show ip mroute} of OpenMGM — every MFE with
 * its incoming interface, outgoing interfaces and the protocol holding each, uptime, expiry and the
 * forwarding plane's counters (packets, bytes, packets on the wrong interface, per outgoing
 * interface packets).
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=mroute"})
public final class MrouteCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public MrouteCommand(@Reference RouterView view) {
        super(view, "mroute", "The multicast routing table (MFEs) with counters, like 'show ip mroute'.",
                Option.GROUP, Option.SOURCE, Option.INTERFACE, Option.PROTOCOL);
    }

    @Override
    protected Object model(Args args) {
        Filters filters = Filters.of(args, view);
        InetAddress group = filters.group();
        InetAddress source = filters.source();
        InterfaceId ifId = filters.ifId();
        ProtocolId protocol = filters.protocol();
        Models.Owners owners = new Models.Owners(view);
        List<Map<String, Object>> rows = new ArrayList<>();
        view.mgm().mfeStatistics().forEach(st -> {
            Mfe m = st.mfe();
            if ((group == null || group.equals(m.group())) && (source == null || source.equals(m.source()))
                    && (ifId == null || m.incomingInterface().equals(ifId) || m.outgoingInterfaces().contains(ifId))
                    && (protocol == null || involves(m, protocol, owners))) {
                rows.add(row(st, owners));
            }
        });
        return Models.rows("mroute", rows);
    }

    private static boolean involves(Mfe m, ProtocolId protocol, Models.Owners owners) {
        return owners.heldBy(m.incomingInterface(), protocol)
                || m.outgoingInterfaces().stream().anyMatch(o -> owners.heldBy(o, protocol));
    }

    private Map<String, Object> row(MfeStatistics st, Models.Owners owners) {
        Mfe m = st.mfe();
        MfeCounters c = st.counters();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("source", Models.ip(m.source()));
        r.put("group", Models.ip(m.group()));
        r.put("incomingInterface", Models.iface(view, m.incomingInterface(), owners));
        r.put("incomingProtocol", m.incomingProtocol().map(owners::name).orElse(null));
        r.put("upstreamNeighbor", Models.ip(m.upstreamNeighbor()));
        r.put("routeNetwork", m.route().network().toString());
        r.put("routeProtocol", m.route().protocol());
        r.put("uptimeSeconds", Format.seconds(m.upTime()));
        r.put("expiresSeconds", m.lifetime().isZero() ? null : Format.seconds(m.expiresIn()));
        r.put("lifetimeSeconds", Format.seconds(m.lifetime()));
        r.put("negative", m.isNegative());
        r.put("packets", c.inPackets());
        r.put("bytes", c.inOctets());
        r.put("wrongInterfacePackets", c.packetsDifferentInterface());
        r.put("negativeDrops", c.negativeMfe());
        r.put("queueOverflows", c.queueOverflow());
        r.put("discards", c.inDiscards());
        r.put("headerErrors", c.inHeaderErrors());
        r.put("forwardedPackets", c.totalOutPackets());
        List<Map<String, Object>> oifs = new ArrayList<>();
        for (InterfaceId o : m.outgoingInterfaces()) {
            Map<String, Object> oif = Models.iface(view, o, owners);
            MfeCounters.OifCounters oc = Optional.ofNullable(c.outgoing().get(o)).orElse(MfeCounters.OifCounters.ZERO);
            oif.put("packets", oc.outPackets());
            oif.put("discards", oc.outDiscards());
            oif.put("ttlTooLow", oc.ttlTooLow());
            oifs.add(oif);
        }
        r.put("outgoingInterfaces", oifs);
        return r;
    }

    @Override
    protected String text(Object model, Args args) {
        List<Map<String, Object>> rows = Models.rowsOf(model, "mroute");
        Table t = Table.of("Source", "Group", "Input", "Output", ">Out-pkts", "Uptime", "Expires", ">Packets",
                ">Bytes", ">Wrong-if");
        int negative = 0;
        for (Map<String, Object> r : rows) {
            List<Map<String, Object>> oifs = Models.list(r, "outgoingInterfaces");
            Object expires = r.get("expiresSeconds");
            String first = oifs.isEmpty() ? "- (negative)" : Models.ifaceText(oifs.get(0));
            Object firstPkts = oifs.isEmpty() ? "" : oifs.get(0).get("packets");
            t.row(r.get("source"), r.get("group"), Models.ifaceText(Models.obj(r, "incomingInterface")), first,
                    firstPkts, Format.duration(java.time.Duration.ofSeconds((Long) r.get("uptimeSeconds"))),
                    expires == null ? "never" : Format.duration(java.time.Duration.ofSeconds((Long) expires)),
                    r.get("packets"), r.get("bytes"), r.get("wrongInterfacePackets"));
            for (Map<String, Object> o : oifs.subList(Math.min(1, oifs.size()), oifs.size())) {
                t.row("", "", "", Models.ifaceText(o), o.get("packets"));
            }
            if (oifs.isEmpty()) {
                negative++;
            }
        }
        return t.render() + rows.size() + (rows.size() == 1 ? " entry" : " entries")
                + (negative == 0 ? "" : " (" + negative + " negative: data dropped)") + "\n";
    }
}
