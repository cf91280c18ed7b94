package org.openmgm.shell.impl.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.openmgm.shell.impl.CommandException;
import org.openmgm.shell.impl.Commands;
import org.openmgm.shell.impl.Json;
import org.openmgm.shell.impl.Option;
import org.openmgm.shell.impl.Reply;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The read-only JSON API, {@code /openmgm/api/v1/}: every read-only command at {@code
 * /openmgm/api/v1/NAME}, its options as query parameters ({@code ?group=239.1.1.1&interface=sim101};
 * a flag as {@code ?nonzero} or {@code ?nonzero=true}), answering what {@code NAME --json} prints;
 * the MIB-shaped tables at {@code /openmgm/api/v1/mib/TABLE}; an index at {@code /openmgm/api/v1/}.
 * Only GET; bad requests get 4xx with {@code {"error": ..., "status": ...}}.
 */
@Component(service = Servlet.class, configurationPid = ClientGuard.PID)
@HttpWhiteboardServletPattern("/openmgm/api/v1/*")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Commands commands = new Commands();
    private final transient MibTables mib;
    private transient volatile ClientGuard guard;

    /**
     * Creates the API.
     *
     * @param view the router, for the MIB tables
     * @param props the configuration ({@code allowedClients})
     */
    @Activate
    public ApiServlet(@Reference RouterView view, Map<String, Object> props) {
        this.mib = new MibTables(view);
        this.guard = ClientGuard.from(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        guard = ClientGuard.from(props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCommand(ShellCommand c) {
        commands.add(c);
    }

    void unbindCommand(ShellCommand c) {
        commands.remove(c);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!guard.admit(req, resp)) {
            return;
        }
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        if (path.equals("/") || path.isEmpty()) {
            Responses.json(resp, 200, Json.write(index()));
            return;
        }
        String[] parts = path.substring(1).split("/", -1);
        try {
            if (parts.length == 2 && parts[0].equals("mib")) {
                Responses.json(resp, 200, Json.write(mib.table(parts[1])));
                return;
            }
            if (parts.length != 1) {
                Responses.error(resp, 404, "no such resource: " + path + " (see /openmgm/api/v1/)");
                return;
            }
            Optional<ShellCommand> c = commands.get(parts[0]).filter(ShellCommand::readOnly);
            if (c.isEmpty()) {
                Responses.error(resp, 404, "no such resource: " + path + " (" + commands.listing() + ")");
                return;
            }
            Reply r = c.get().execute(arguments(c.get(), req));
            Responses.json(resp, r.code().httpStatus(), r.output());
        } catch (CommandException e) {
            Responses.error(resp, e.code().httpStatus(), e.getMessage());
        }
    }

    /** The query parameters as the command's options, refusing those it does not know. */
    private static List<String> arguments(ShellCommand c, HttpServletRequest req) {
        List<String> args = new ArrayList<>(List.of("--json"));
        Enumeration<String> names = req.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Option o = c.options().stream().filter(x -> x.longName().equals(name) && x != Option.JSON).findFirst()
                    .orElseThrow(() -> new CommandException(org.openmgm.shell.impl.ExitCode.USAGE, "unknown parameter '"
                            + name + "' for " + c.name() + " (it takes: " + String.join(", ", c.options().stream()
                            .filter(x -> x != Option.JSON).map(Option::longName).toList()) + ")"));
            String value = req.getParameter(name);
            if (o.takesValue()) {
                args.add("--" + name);
                args.add(value);
            } else if (value.isEmpty() || value.equals("true")) {
                args.add("--" + name);
            } else if (!value.equals("false")) {
                throw new CommandException(org.openmgm.shell.impl.ExitCode.USAGE, "parameter '" + name
                        + "' is a flag: give it without a value, or true/false");
            }
        }
        return args;
    }

    private Map<String, Object> index() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (ShellCommand c : commands.readOnly()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", "/openmgm/api/v1/" + c.name());
            e.put("summary", c.summary());
            e.put("parameters", c.options().stream().filter(o -> o != Option.JSON).map(Option::longName).toList());
            endpoints.add(e);
        }
        m.put("endpoints", endpoints);
        m.put("mib", MibTables.TABLES.stream().map(t -> "/openmgm/api/v1/mib/" + t).toList());
        m.put("events", "/openmgm/api/v1/events");
        m.put("view", "/openmgm/");
        return m;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws javax.servlet.ServletException,
            IOException {
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            Responses.error(resp, 405, "the OpenMGM API is read-only: " + req.getMethod() + " is not allowed");
            return;
        }
        super.service(req, resp);
    }
}
