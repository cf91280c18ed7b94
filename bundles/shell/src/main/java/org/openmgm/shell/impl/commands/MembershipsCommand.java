package org.openmgm.shell.impl.commands;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Membership;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
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
 * {@code memberships}: the MGM's membership table — who (IGMP or a routing protocol) wants which
 * (S,G), (*,G) or (*,*) on which interface, with the sources a (*,G) excludes. Filters select what
 * applies to traffic: {@code -g G} shows the entries data to G would match, {@code -s S} those data
 * from S would match (a (*,G) that excludes S does not).
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=memberships"})
public final class MembershipsCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public MembershipsCommand(@Reference RouterView view) {
        super(view, "memberships", "Memberships per interface and protocol, with excluded sources.",
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
        for (Membership m : view.mgm().memberships()) {
            SourceGroup k = m.key();
            boolean groupOk = group == null || k.groupAddress().map(group::equals).orElse(true);
            boolean sourceOk = source == null || (k.sourceAddress().map(source::equals).orElse(true)
                    && !m.excludedSources().contains(source));
            if (groupOk && sourceOk && (ifId == null || ifId.equals(m.ifId()))
                    && (protocol == null || protocol.equals(m.client()))) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("interface", Models.iface(view, m.ifId(), null));
                r.put("protocol", owners.name(m.client()));
                r.put("protocolId", m.client().toString());
                r.put("key", k.toString());
                r.put("source", k.sourceAddress().map(Models::ip).orElse("*"));
                r.put("group", k.groupAddress().map(Models::ip).orElse("*"));
                r.put("excludedSources", m.excludedSources().stream().map(Models::ip).toList());
                rows.add(r);
            }
        }
        return Models.rows("memberships", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        List<Map<String, Object>> rows = Models.rowsOf(model, "memberships");
        Table t = Table.of("Interface", "Protocol", "Source", "Group", "Excluded sources");
        for (Map<String, Object> r : rows) {
            @SuppressWarnings("unchecked")
            List<String> excluded = (List<String>) r.get("excludedSources");
            t.row(Models.obj(r, "interface").get("name"), r.get("protocol"), r.get("source"), r.get("group"),
                    excluded.isEmpty() ? "-" : String.join(",", excluded));
        }
        return t.render() + rows.size() + (rows.size() == 1 ? " membership" : " memberships") + "\n";
    }
}
