package org.openmgm.shell.impl.commands;

import java.util.Map;

import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code sim-join}: for demos without root, on the simulated plane only: a host on an interface
 * joins a group, as its IGMP message would say (see {@link HostReports}). IGMP must run on the
 * interface.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=sim-join"})
public final class SimJoinCommand extends AbstractCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public SimJoinCommand(@Reference RouterView view) {
        super(view, "sim-join", "Simulated plane: a host on IF joins GROUP (any source, or the SOURCEs): injects its IGMP report.", HostReports.V2, HostReports.FROM);
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public String arguments() {
        return "IF GROUP [SOURCE...]";
    }

    @Override
    protected Object model(Args args) {
        return HostReports.send(view, args, true);
    }

    @Override
    protected String text(Object model, Args args) {
        Map<?, ?> m = (Map<?, ?>) model;
        return "Host " + m.get("host") + " on " + m.get("interface") + " sent an " + m.get("message") + " for "
                + m.get("group") + " to " + m.get("destination") + "\n";
    }
}
