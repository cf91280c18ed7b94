package org.openmgm.shell.impl.commands;

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
public final class SimJoinCommand extends HostReportCommand {

    /**
     * Creates the command.
     *
     * @param view what it looks at
     */
    @Activate
    public SimJoinCommand(@Reference RouterView view) {
        super(view, "sim-join", "Simulated plane: a host on IF joins GROUP (any source, or the SOURCEs): injects its IGMP report.", true);
    }
}
