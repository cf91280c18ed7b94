package org.openmgm.shell.impl.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The live web view at {@code /openmgm/} (other paths below it, except the API's, are 404): one self-contained page (its script and style inline)
 * that shows the routing table, the groups and the interfaces and follows {@code
 * /openmgm/api/v1/events}; it falls back to polling the API when the event stream fails. Laid out
 * for phones too.
 */
@Component(service = Servlet.class, configurationPid = ClientGuard.PID)
@HttpWhiteboardServletPattern("/openmgm/*")
public final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient byte[] page;
    private transient volatile ClientGuard guard;

    /**
     * Loads the page.
     *
     * @param props the configuration ({@code allowedClients})
     * @throws IOException if the page is missing from the bundle
     */
    @Activate
    public PageServlet(Map<String, Object> props) throws IOException {
        guard = ClientGuard.from(props);
        try (InputStream in = PageServlet.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IOException("web/index.html is missing from the bundle");
            }
            page = in.readAllBytes();
        }
    }

    @Modified
    void modified(Map<String, Object> props) {
        guard = ClientGuard.from(props);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!guard.admit(req, resp)) {
            return;
        }
        String path = req.getPathInfo();
        if (path == null) {
            resp.sendRedirect("/openmgm/");
            return;
        }
        if (!path.equals("/") && !path.equals("/index.html")) {
            Responses.error(resp, 404, "no such page: /openmgm" + path + " (the view is /openmgm/, the API /openmgm/api/v1/)");
            return;
        }
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
                + "style-src 'unsafe-inline'; connect-src 'self'");
        resp.setContentLength(page.length);
        resp.getOutputStream().write(page);
    }
}
