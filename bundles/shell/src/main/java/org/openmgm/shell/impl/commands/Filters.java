package org.openmgm.shell.impl.commands;

import java.net.InetAddress;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.RouterView;

/**
 * The filters a table command was given ({@code -g}, {@code -s}, {@code -i}, {@code -p}),
 * parsed; {@code null} where not given. A malformed value fails the command with the option's
 * error, as each parser says.
 *
 * @param group the group, or {@code null}
 * @param source the source, or {@code null}
 * @param ifId the interface, or {@code null}
 * @param protocol the protocol, or {@code null}
 */
record Filters(InetAddress group, InetAddress source, InterfaceId ifId, ProtocolId protocol) {

    static Filters of(Args args, RouterView view) {
        return new Filters(args.value(Option.GROUP).map(RouterView::parseGroup).orElse(null),
                args.value(Option.SOURCE).map(RouterView::parseSource).orElse(null),
                args.value(Option.INTERFACE).map(view::parseInterface).orElse(null),
                args.value(Option.PROTOCOL).map(t -> view.parseProtocol(t).id()).orElse(null));
    }
}
