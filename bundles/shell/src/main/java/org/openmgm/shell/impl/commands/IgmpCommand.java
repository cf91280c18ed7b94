package org.openmgm.shell.impl.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.InterfaceId;
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
 * {@code igmp}: IGMP per interface, like {@code show ip igmp interface} — version, whether this router
 * is the querier and who is otherwise, the other-querier timer, robustness and query interval in
 * use, and how many groups and sources were learnt.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=igmp"})
public final class IgmpCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public IgmpCommand(@Reference RouterView view) {
        super(view, "igmp", "IGMP per interface: version, querier state, timers, groups.", Option.INTERFACE);
    }

    @Override
    protected Object model(Args args) {
        InterfaceId only = args.value(Option.INTERFACE).map(view::parseInterface).orElse(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IgmpInterfaceStatus s : view.requireIgmp().interfaces()) {
            if (only != null && !only.equals(s.id())) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("interface", Models.iface(view, s.id(), null));
            r.put("version", s.version());
            r.put("querier", s.querier());
            r.put("querierAddress", Models.ip(s.querierAddress()));
            r.put("otherQuerierExpiresSeconds", Format.seconds(s.otherQuerierExpiresIn()));
            r.put("robustness", s.robustness());
            r.put("queryIntervalSeconds", Format.seconds(s.queryInterval()));
            r.put("groups", s.groups());
            r.put("sources", s.sources());
            rows.add(r);
        }
        return Models.rows("igmp", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        Table t = Table.of("Interface", ">Ver", "Querier", "Querier address", "Other querier", ">Robustness",
                ">Query interval", ">Groups", ">Sources");
        for (Map<String, Object> r : Models.rowsOf(model, "igmp")) {
            long other = ((Number) r.get("otherQuerierExpiresSeconds")).longValue();
            t.row(Models.obj(r, "interface").get("name"), r.get("version"),
                    Boolean.TRUE.equals(r.get("querier")) ? "yes" : "no", r.get("querierAddress"),
                    Format.timer(java.time.Duration.ofSeconds(other)), r.get("robustness"),
                    r.get("queryIntervalSeconds") + "s", r.get("groups"), r.get("sources"));
        }
        return t.render();
    }
}
