package org.openmgm.shell.impl.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.openmgm.shell.impl.Commands;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.Reply;
import org.openmgm.shell.impl.ShellCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /openmgm/api/v1/events}: server-sent events for the live view. Every second (configuration
 * {@code events.intervalMs}) one thread, {@code mgm-shell-events-0}, takes a snapshot — the routing
 * table, the memberships, the IGMP groups and the interfaces, as their commands print them in JSON —
 * and sends it as an {@code event: snapshot} to every open stream when it changed, with a comment
 * every 15 s to find streams whose client went away.
 */
@Component(service = Servlet.class, configurationPid = ClientGuard.PID)
@HttpWhiteboardServletPattern("/openmgm/api/v1/events")
@HttpWhiteboardServletAsyncSupported
public final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(EventsServlet.class);
    private static final List<String> PARTS = List.of("mroute", "memberships", "groups", "interfaces");

    private final transient Commands commands = new Commands();
    private final transient List<AsyncContext> streams = new CopyOnWriteArrayList<>();
    private final transient ScheduledExecutorService thread;
    private transient volatile ClientGuard guard;
    private transient volatile String last = "";
    private transient long lastSentNanos;

    /**
     * Starts the snapshot thread.
     *
     * @param props the configuration ({@code allowedClients}, {@code events.intervalMs})
     */
    @Activate
    public EventsServlet(Map<String, Object> props) {
        guard = ClientGuard.from(props);
        long every = interval(props);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mgm-shell-events-0");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private static long interval(Map<String, Object> props) {
        Object raw = props.get("events.intervalMs");
        try {
            return raw == null ? 1000 : Math.max(100, Long.parseLong(raw.toString().strip()));
        } catch (NumberFormatException e) {
            log.error("Invalid configuration {}: events.intervalMs value '{}' is not an integer; using 1000",
                    ClientGuard.PID, raw);
            return 1000;
        }
    }

    @Modified
    void modified(Map<String, Object> props) {
        guard = ClientGuard.from(props);
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        for (AsyncContext a : streams) {
            try {
                a.complete();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        streams.clear();
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
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.flushBuffer();
        AsyncContext a = req.startAsync();
        a.setTimeout(0);
        String now = snapshot();
        if (send(a, event(now))) {
            streams.add(a);
        }
    }

    private void tick() {
        try {
            if (streams.isEmpty()) {
                last = "";
                return;
            }
            String now = snapshot();
            long since = System.nanoTime() - lastSentNanos;
            String message;
            if (!now.equals(last)) {
                message = event(now);
                last = now;
            } else if (since > TimeUnit.SECONDS.toNanos(15)) {
                message = ": still here\n\n";
            } else {
                return;
            }
            lastSentNanos = System.nanoTime();
            for (AsyncContext a : streams) {
                if (!send(a, message)) {
                    streams.remove(a);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Live view snapshot failed", e);
        }
    }

    /** The snapshot: {@code {"mroute": ..., "memberships": ..., "groups": ..., "interfaces": ...}}. */
    String snapshot() {
        StringBuilder b = new StringBuilder("{");
        for (String part : PARTS) {
            String json = commands.get(part).map(c -> {
                Reply r = c.execute(List.of("--json"));
                return r.code() == ExitCode.OK ? r.output().strip() : "null";
            }).orElse("null");
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(part).append("\":").append(json);
        }
        return b.append('}').toString();
    }

    private static String event(String json) {
        StringBuilder b = new StringBuilder("event: snapshot\n");
        json.lines().forEach(l -> b.append("data: ").append(l).append('\n'));
        return b.append('\n').toString();
    }

    private static boolean send(AsyncContext a, String message) {
        try {
            ServletOutputStream out = a.getResponse().getOutputStream();
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                a.complete();
            } catch (RuntimeException ignored) {
                // the client is gone
            }
            return false;
        }
    }
}
