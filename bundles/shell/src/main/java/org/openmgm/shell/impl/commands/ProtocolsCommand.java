package org.openmgm.shell.impl.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.RegisteredProtocol;
import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.Models;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.openmgm.shell.impl.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code protocols}: the registered clients of the MGM — routing protocols and IGMP — with their
 * bundle, the interfaces they hold and how their callbacks went (totals; {@code callbacks} has the
 * detail per callback).
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=protocols"})
public final class ProtocolsCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public ProtocolsCommand(@Reference RouterView view) {
        super(view, "protocols", "Registered protocols with their interfaces and callback totals.",
                Option.PROTOCOL, Option.INTERFACE);
    }

    @Override
    protected Object model(Args args) {
        RegisteredProtocol only = args.value(Option.PROTOCOL).map(view::parseProtocol).orElse(null);
        var ifId = args.value(Option.INTERFACE).map(view::parseInterface).orElse(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RegisteredProtocol p : view.mgm().protocols()) {
            if ((only != null && !only.id().equals(p.id())) || (ifId != null && !p.interfaces().contains(ifId))) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", p.name());
            r.put("id", p.id().toString());
            r.put("protocol", p.id().protocol());
            r.put("component", p.id().component());
            r.put("igmp", p.igmp());
            r.put("bundle", p.bundle());
            r.put("interfaces", p.interfaces().stream().map(i -> Models.iface(view, i, null)).toList());
            r.put("callbacks", CallbacksCommand.counts(p.callbackTotals()));
            rows.add(r);
        }
        return Models.rows("protocols", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        List<Map<String, Object>> rows = Models.rowsOf(model, "protocols");
        Table t = Table.of("Protocol", "Id", "Bundle", "Interfaces", ">Callbacks", ">Failed", ">Slow", ">Skipped");
        for (Map<String, Object> r : rows) {
            List<Map<String, Object>> ifs = Models.list(r, "interfaces");
            Map<String, Object> c = Models.obj(r, "callbacks");
            t.row(r.get("name") + (Boolean.TRUE.equals(r.get("igmp")) ? " [IGMP]" : ""), r.get("id"), r.get("bundle"),
                    ifs.isEmpty() ? "-" : String.join(",", ifs.stream().map(i -> i.get("name").toString()).toList()),
                    c.get("delivered"), c.get("failed"), c.get("slow"), c.get("skipped"));
        }
        return t.render() + rows.size() + (rows.size() == 1 ? " protocol" : " protocols") + "\n";
    }
}
