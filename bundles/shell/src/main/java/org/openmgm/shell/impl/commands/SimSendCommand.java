package org.openmgm.shell.impl.commands;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.openmgm.api.InterfaceId;
import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.openmgm.spi.PacketSimulator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code sim-send}: for demos without root, on the simulated plane only: data packets from a source
 * to a group arrive on an interface, and the command says what the plane did with them (queued
 * while the MGM creates the entry, forwarded, dropped on the wrong interface, ...).
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=sim-send"})
public final class SimSendCommand extends AbstractCommand {

    static final Option SIZE = new Option(null, "size", "BYTES", "the size of each packet (default 1000)");

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public SimSendCommand(@Reference RouterView view) {
        super(view, "sim-send", "Simulated plane: COUNT data packets (default 1) from SOURCE to GROUP arrive on IF.",
                SIZE);
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public String arguments() {
        return "IF SOURCE GROUP [COUNT]";
    }

    @Override
    protected Object model(Args args) {
        List<String> p = positional(args, 3, 4);
        PacketSimulator sim = view.requireSimulator();
        InterfaceId ifId = view.parseInterface(p.get(0));
        InetAddress source = RouterView.parseSource(p.get(1));
        InetAddress group = RouterView.parseGroup(p.get(2));
        int count = p.size() == 4 ? Args.parseInt(p.get(3), "COUNT", 1, 1_000_000) : 1;
        int size = args.intValue(SIZE, 1000, 20, 65_535);
        Map<PacketSimulator.Outcome, Integer> outcomes = new EnumMap<>(PacketSimulator.Outcome.class);
        TreeSet<InterfaceId> out = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            PacketSimulator.Delivery d = sim.inject(ifId, source, group, size);
            outcomes.merge(d.outcome(), 1, Integer::sum);
            out.addAll(d.forwardedTo());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", view.ifName(ifId));
        m.put("source", source.getHostAddress());
        m.put("group", group.getHostAddress());
        m.put("packets", count);
        m.put("size", size);
        Map<String, Object> o = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> o.put(k.name(), v));
        m.put("outcomes", o);
        m.put("forwardedTo", out.stream().map(view::ifName).toList());
        return m;
    }

    @Override
    protected String text(Object model, Args args) {
        Map<?, ?> m = (Map<?, ?>) model;
        StringBuilder b = new StringBuilder();
        b.append(m.get("packets")).append(" packet(s) of ").append(m.get("size")).append(" bytes from ")
                .append(m.get("source")).append(" to ").append(m.get("group")).append(" on ")
                .append(m.get("interface")).append(':');
        ((Map<?, ?>) m.get("outcomes")).forEach((k, v) -> b.append(' ').append(v).append(' ')
                .append(k.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(','));
        b.setLength(b.length() - 1);
        List<?> to = (List<?>) m.get("forwardedTo");
        if (!to.isEmpty()) {
            b.append(" (out of ").append(String.join(", ", to.stream().map(Object::toString).toList())).append(')');
        }
        return b.append('\n').toString();
    }
}
