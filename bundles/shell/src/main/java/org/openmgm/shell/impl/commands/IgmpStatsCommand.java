package org.openmgm.shell.impl.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.InterfaceId;
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
 * {@code igmp-stats}: IGMP's counters per interface, like {@code show ip igmp statistics} — messages
 * received and sent by type, and every packet dropped, by reason ({@code drop.BAD_CHECKSUM}, {@code
 * drop.NOT_ON_LINK}, {@code drop.OVERLOAD}, ...). One column per interface.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=igmp-stats"})
public final class IgmpStatsCommand extends AbstractCommand {

    static final Option NONZERO = new Option("z", "nonzero", null, "leave out counters that are zero everywhere");

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public IgmpStatsCommand(@Reference RouterView view) {
        super(view, "igmp-stats", "IGMP counters per interface, drops by reason included.", Option.INTERFACE,
                NONZERO);
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
            Map<String, Object> received = new LinkedHashMap<>();
            Map<String, Object> drops = new LinkedHashMap<>();
            s.counters().forEach((k, v) -> {
                if (k.startsWith("drop.")) {
                    drops.put(k.substring(5), v);
                } else {
                    received.put(k, v);
                }
            });
            r.put("messages", received);
            r.put("drops", drops);
            r.put("dropsTotal", drops.values().stream().mapToLong(v -> (Long) v).sum());
            rows.add(r);
        }
        return Models.rows("igmpStats", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        List<Map<String, Object>> rows = Models.rowsOf(model, "igmpStats");
        if (rows.isEmpty()) {
            return "IGMP runs on no interface\n";
        }
        List<String> headers = new ArrayList<>(List.of("Counter"));
        rows.forEach(r -> headers.add(">" + Models.obj(r, "interface").get("name")));
        Table t = Table.of(headers.toArray(String[]::new));
        for (String section : List.of("messages", "drops")) {
            TreeSet<String> names = new TreeSet<>();
            rows.forEach(r -> names.addAll(Models.obj(r, section).keySet()));
            for (String name : names) {
                List<Object> cells = new ArrayList<>();
                cells.add(section.equals("drops") ? "drop " + name : name);
                boolean any = false;
                for (Map<String, Object> r : rows) {
                    Object v = Models.obj(r, section).getOrDefault(name, 0L);
                    any |= ((Number) v).longValue() != 0;
                    cells.add(v);
                }
                if (any || !args.flag(NONZERO)) {
                    t.row(cells.toArray());
                }
            }
        }
        List<Object> total = new ArrayList<>(List.of("drops total"));
        rows.forEach(r -> total.add(r.get("dropsTotal")));
        t.row(total.toArray());
        return t.render();
    }
}
