package org.openmgm.shell.impl.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.CallbackCounts;
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
 * {@code callbacks}: how the MGM's callbacks to each protocol went, per callback — delivered,
 * failed (the protocol threw), slow (over the budget), skipped (the protocol was stuck) and stalled.
 * A protocol with failures or slow callbacks needs attention; {@code recent-callbacks} shows which.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=callbacks"})
public final class CallbacksCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public CallbacksCommand(@Reference RouterView view) {
        super(view, "callbacks", "Callback counters per protocol and callback: delivered, failed, slow, skipped.",
                Option.PROTOCOL);
    }

    static Map<String, Object> counts(CallbackCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivered", c.delivered());
        m.put("failed", c.failed());
        m.put("slow", c.slow());
        m.put("skipped", c.skipped());
        m.put("stalled", c.stalled());
        return m;
    }

    @Override
    protected Object model(Args args) {
        RegisteredProtocol only = args.value(Option.PROTOCOL).map(view::parseProtocol).orElse(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RegisteredProtocol p : view.mgm().protocols()) {
            if (only != null && !only.id().equals(p.id())) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("protocol", p.name());
            r.put("id", p.id().toString());
            Map<String, Object> kinds = new LinkedHashMap<>();
            p.callbacks().forEach((kind, c) -> kinds.put(kind, counts(c)));
            r.put("callbacks", kinds);
            r.put("total", counts(p.callbackTotals()));
            rows.add(r);
        }
        return Models.rows("callbacks", rows);
    }

    @Override
    protected String text(Object model, Args args) {
        Table t = Table.of("Protocol", "Callback", ">Delivered", ">Failed", ">Slow", ">Skipped", ">Stalled");
        for (Map<String, Object> r : Models.rowsOf(model, "callbacks")) {
            String who = r.get("protocol") + " (" + r.get("id") + ")";
            Map<String, Object> kinds = Models.obj(r, "callbacks");
            for (Map.Entry<String, Object> e : kinds.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) e.getValue();
                t.row(who, e.getKey(), c.get("delivered"), c.get("failed"), c.get("slow"), c.get("skipped"),
                        c.get("stalled"));
                who = "";
            }
            Map<String, Object> c = Models.obj(r, "total");
            t.row(who, "total", c.get("delivered"), c.get("failed"), c.get("slow"), c.get("skipped"), c.get("stalled"));
        }
        return t.render();
    }
}
