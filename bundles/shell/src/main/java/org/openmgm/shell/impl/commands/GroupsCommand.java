package org.openmgm.shell.impl.commands;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.IgmpGroupStatus;
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
 * {@code groups}: the groups IGMP learnt, like {@code show ip igmp groups} and {@code sources} —
 * per interface and group the filter mode, the version the group runs in (RFC 3376 §7.3.2), uptime,
 * the group timer, the older-host timers and the last reporter, then each source with its timer and
 * whether it is forwarded.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=groups"})
public final class GroupsCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public GroupsCommand(@Reference RouterView view) {
        super(view, "groups", "IGMP groups and sources with timers and versions, like 'show ip igmp groups'.",
                Option.INTERFACE, Option.GROUP, Option.SOURCE);
    }

    @Override
    protected Object model(Args args) {
        InterfaceId ifId = args.value(Option.INTERFACE).map(view::parseInterface).orElse(null);
        InetAddress group = args.value(Option.GROUP).map(RouterView::parseGroup).orElse(null);
        InetAddress source = args.value(Option.SOURCE).map(RouterView::parseSource).orElse(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IgmpGroupStatus g : view.requireIgmp().groups(ifId)) {
            if ((group != null && !group.equals(g.group()))
                    || (source != null && g.sources().stream().noneMatch(s -> s.address().equals(source)))) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("interface", Models.iface(view, g.ifId(), null));
            r.put("group", Models.ip(g.group()));
            r.put("mode", g.mode().name());
            r.put("version", g.compatibilityVersion());
            r.put("uptimeSeconds", Format.seconds(g.upTime()));
            r.put("groupTimerSeconds", Format.seconds(g.groupTimer()));
            r.put("v1HostTimerSeconds", Format.seconds(g.v1HostTimer()));
            r.put("v2HostTimerSeconds", Format.seconds(g.v2HostTimer()));
            r.put("lastReporter", Models.ip(g.lastReporter()));
            List<Map<String, Object>> sources = new ArrayList<>();
            for (IgmpGroupStatus.Source s : g.sources()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("address", Models.ip(s.address()));
                sm.put("timerSeconds", Format.seconds(s.timer()));
                sm.put("forwarded", s.forwarded());
                sources.add(sm);
            }
            r.put("sources", sources);
            rows.add(r);
        }
        return Models.rows("groups", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        List<Map<String, Object>> rows = Models.rowsOf(model, "groups");
        Table t = Table.of("Interface", "Group", "Mode", ">Ver", "Uptime", "Expires", "V1-host", "V2-host",
                "Last reporter", "Source", "Src-timer", "Fwd");
        for (Map<String, Object> r : rows) {
            List<Map<String, Object>> sources = Models.list(r, "sources");
            Map<String, Object> first = sources.isEmpty() ? null : sources.get(0);
            t.row(Models.obj(r, "interface").get("name"), r.get("group"), r.get("mode"), r.get("version"),
                    time(r, "uptimeSeconds", false), time(r, "groupTimerSeconds", true),
                    time(r, "v1HostTimerSeconds", true), time(r, "v2HostTimerSeconds", true), r.get("lastReporter"),
                    first == null ? "*" : first.get("address"), first == null ? "" : time(first, "timerSeconds", true),
                    first == null ? "" : yesNo(first));
            for (Map<String, Object> s : sources.subList(Math.min(1, sources.size()), sources.size())) {
                t.row("", "", "", "", "", "", "", "", "", s.get("address"), time(s, "timerSeconds", true), yesNo(s));
            }
        }
        return t.render() + rows.size() + (rows.size() == 1 ? " group" : " groups") + "\n";
    }

    private static String time(Map<String, Object> m, String key, boolean timer) {
        Duration d = Duration.ofSeconds(((Number) m.get(key)).longValue());
        return timer ? Format.timer(d) : Format.duration(d);
    }

    private static String yesNo(Map<String, Object> source) {
        return Boolean.TRUE.equals(source.get("forwarded")) ? "yes" : "no";
    }
}
