package org.openmgm.shell.impl.commands;

import java.util.Map;

import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.RouterView;

/**
 * What {@code sim-join} and {@code sim-leave} share: for demos without root, on the simulated
 * plane only, a host on an interface sends the IGMP message of a join or a leave (see {@link
 * HostReports}); IGMP must run on the interface.
 */
abstract class HostReportCommand extends AbstractCommand {

    private final boolean join;

    HostReportCommand(RouterView view, String name, String help, boolean join) {
        super(view, name, help, HostReports.V2, HostReports.FROM);
        this.join = join;
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
        return HostReports.send(view, args, join);
    }

    @Override
    protected String text(Object model, Args args) {
        Map<?, ?> m = (Map<?, ?>) model;
        return "Host " + m.get("host") + " on " + m.get("interface") + " sent an " + m.get("message") + " for "
                + m.get("group") + " to " + m.get("destination") + "\n";
    }
}
