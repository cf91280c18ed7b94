package org.openmgm.shell.impl.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.InterfaceId;
import org.openmgm.api.InterfaceOwnership;
import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.Models;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.openmgm.shell.impl.Table;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code interfaces}: every interface the plane knows or the MGM holds — its state and addresses,
 * who owns it (a routing protocol, IGMP, both, or nobody) and what IGMP does there (version,
 * querier, groups).
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=interfaces"})
public final class InterfacesCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public InterfacesCommand(@Reference RouterView view) {
        super(view, "interfaces", "Interfaces with their owner and IGMP state.", Option.INTERFACE);
    }

    @Override
    protected Object model(Args args) {
        InterfaceId only = args.value(Option.INTERFACE).map(view::parseInterface).orElse(null);
        Models.Owners owners = new Models.Owners(view);
        Map<InterfaceId, IgmpInterfaceStatus> igmp = new LinkedHashMap<>();
        view.igmp().ifPresent(s -> s.interfaces().forEach(i -> igmp.put(i.id(), i)));
        TreeSet<InterfaceId> ids = new TreeSet<>(igmp.keySet());
        view.systemInterfaces().forEach(i -> ids.add(i.id()));
        view.mgm().interfaces().forEach(o -> ids.add(o.id()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InterfaceId id : ids) {
            if (only != null && !only.equals(id)) {
                continue;
            }
            Map<String, Object> r = Models.iface(view, id, owners);
            Optional<NetworkInterfaceInfo> info = id.isPointToMultipointLink() ? Optional.empty()
                    : view.systemInterface(id);
            r.put("up", info.map(NetworkInterfaceInfo::up).orElse(null));
            r.put("multicast", info.map(NetworkInterfaceInfo::multicast).orElse(null));
            r.put("addresses", info.map(i -> i.addresses().stream()
                    .map(a -> a.address().getHostAddress() + "/" + a.prefixLength()).toList()).orElse(List.of()));
            r.put("igmpHolds", owners.of(id).map(InterfaceOwnership::igmpPresent).orElse(false));
            IgmpInterfaceStatus s = igmp.get(id);
            if (s == null) {
                r.put("igmp", null);
            } else {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("version", s.version());
                g.put("querier", s.querier());
                g.put("querierAddress", Models.ip(s.querierAddress()));
                g.put("groups", s.groups());
                g.put("sources", s.sources());
                r.put("igmp", g);
            }
            rows.add(r);
        }
        return Models.rows("interfaces", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        List<Map<String, Object>> rows = Models.rowsOf(model, "interfaces");
        Table t = Table.of("Interface", ">Index", "State", "Address", "Owner", "IGMP", "Querier", ">Groups");
        for (Map<String, Object> r : rows) {
            Object up = r.get("up");
            @SuppressWarnings("unchecked")
            List<String> addresses = (List<String>) r.get("addresses");
            Map<String, Object> g = Models.obj(r, "igmp");
            Object owner = r.get("owner");
            t.row(r.get("name"), r.get("ifIndex"), up == null ? "?" : (Boolean) up ? "up" : "down",
                    addresses.isEmpty() ? "-" : String.join(",", addresses), owner == null ? "-" : owner,
                    g == null ? "off" : "v" + g.get("version"),
                    g == null ? "" : (Boolean) g.get("querier") ? "this router" : g.get("querierAddress"),
                    g == null ? "" : g.get("groups"));
        }
        return t.render();
    }
}
