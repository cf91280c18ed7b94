package org.openmgm.shell.impl.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.openmgm.api.MgmException;
import org.openmgm.api.Prefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the web API and view: by default only this machine (127.0.0.0/8 and ::1), whatever
 * address the HTTP service listens on. Configuration PID {@value #PID}, key {@code allowedClients}:
 * comma-separated prefixes, e.g. {@code 127.0.0.0/8, ::1/128, 192.0.2.0/24}. A malformed entry is
 * logged and skipped. Refused requests get 403 with the reason.
 */
public final class ClientGuard {

    /** The configuration PID of the web surface. */
    public static final String PID = "org.openmgm.shell.web";
    /** The default: this machine only. */
    public static final String LOOPBACK = "127.0.0.0/8, ::1/128";
    private static final Logger log = LoggerFactory.getLogger(ClientGuard.class);

    private final List<Prefix> allowed;

    private ClientGuard(List<Prefix> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Reads the configuration.
     *
     * @param props the component properties
     * @return the guard
     */
    public static ClientGuard from(Map<String, Object> props) {
        Object raw = props.get("allowedClients");
        return parse(raw == null ? LOOPBACK : raw instanceof String[] a ? String.join(",", a) : raw.toString());
    }

    /**
     * Parses a list of prefixes.
     *
     * @param text comma-separated prefixes
     * @return the guard
     */
    public static ClientGuard parse(String text) {
        List<Prefix> out = new ArrayList<>();
        for (String entry : text.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            try {
                out.add(Prefix.parse(e));
            } catch (MgmException ex) {
                log.error("Invalid configuration {}: allowedClients entry '{}': {}; skipped", PID, e, ex.getMessage());
            }
        }
        return new ClientGuard(out);
    }

    /**
     * Tells whether a client address may be served.
     *
     * @param remoteAddress the client's numeric address
     * @return {@code true} if it lies in an allowed prefix
     */
    public boolean allows(String remoteAddress) {
        try {
            var a = Prefix.parse(remoteAddress.startsWith("[") ? remoteAddress.substring(1, remoteAddress.length() - 1)
                    : remoteAddress).address();
            return allowed.stream().anyMatch(p -> p.contains(a));
        } catch (MgmException e) {
            return false;
        }
    }

    /**
     * Refuses the request with 403 unless its client is allowed.
     *
     * @param req the request
     * @param resp the response
     * @return {@code true} if the request may go on
     * @throws IOException if the refusal cannot be sent
     */
    public boolean admit(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String remote = req.getRemoteAddr();
        if (allows(remote)) {
            return true;
        }
        log.debug("Refused web request from {}", remote);
        Responses.error(resp, 403, "requests from " + remote + " are not allowed: the OpenMGM web surface serves "
                + allowed + " only (configure allowedClients in etc/" + PID + ".cfg)");
        return false;
    }
}
