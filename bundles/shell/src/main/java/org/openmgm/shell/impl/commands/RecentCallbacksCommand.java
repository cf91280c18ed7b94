package org.openmgm.shell.impl.commands;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.CallbackRecord;
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
 * {@code recent-callbacks}: the MGM's flight recorder — the last callbacks it made, oldest first:
 * when, to whom, which callback about what, how long it took and how it ended.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=recent-callbacks"})
public final class RecentCallbacksCommand extends AbstractCommand {

    static final Option COUNT = new Option("n", "count", "N", "the newest N callbacks (default 50, at most 100000)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public RecentCallbacksCommand(@Reference RouterView view) {
        super(view, "recent-callbacks", "The MGM's flight recorder: the most recent callbacks, oldest first.",
                COUNT, Option.PROTOCOL);
    }

    @Override
    protected Object model(Args args) {
        int count = args.intValue(COUNT, 50, 1, 100_000);
        RegisteredProtocol only = args.value(Option.PROTOCOL).map(view::parseProtocol).orElse(null);
        Map<org.openmgm.api.ProtocolId, String> names = view.protocolNames();
        List<CallbackRecord> records = view.mgm().recentCallbacks(only == null ? count : 100_000);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CallbackRecord r : records) {
            if (only != null && !only.id().equals(r.protocol())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", r.at().toString());
            m.put("protocol", names.getOrDefault(r.protocol(), r.protocol().toString()));
            m.put("protocolId", r.protocol().toString());
            m.put("callback", r.callback());
            m.put("subject", r.subject());
            m.put("tookMicros", r.took().toNanos() / 1000);
            m.put("outcome", r.outcome().name());
            rows.add(m);
        }
        List<Map<String, Object>> newest = rows.subList(Math.max(0, rows.size() - count), rows.size());
        return Models.rows("recentCallbacks", new ArrayList<>(newest));
    }

    @Override
    protected String text(Object model, Args args) {
        Table t = Table.of("Time", "Protocol", "Callback", "Subject", ">Took(us)", "Outcome");
        ZoneId zone = view.clock().getZone();
        for (Map<String, Object> r : Models.rowsOf(model, "recentCallbacks")) {
            t.row(TIME.format(java.time.Instant.parse((String) r.get("at")).atZone(zone)),
                    r.get("protocol") + " (" + r.get("protocolId") + ")", r.get("callback"), r.get("subject"),
                    r.get("tookMicros"), r.get("outcome"));
        }
        return t.render();
    }
}
