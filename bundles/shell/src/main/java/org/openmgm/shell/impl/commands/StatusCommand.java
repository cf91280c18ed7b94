package org.openmgm.shell.impl.commands;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmgm.api.MulticastGroupService;
import org.openmgm.shell.impl.AbstractCommand;
import org.openmgm.shell.impl.Args;
import org.openmgm.shell.impl.ExitCode;
import org.openmgm.shell.impl.Format;
import org.openmgm.shell.impl.Models;
import org.openmgm.shell.impl.RouterView;
import org.openmgm.shell.impl.ShellCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code status}: whether the router runs and is healthy — healthy means the MGM service is up and
 * every bundle is active — with its uptime, what the MGM holds, whether IGMP runs and where the web
 * view is. Exits {@link ExitCode#UNHEALTHY} when it is not healthy.
 */
@Component(service = ShellCommand.class,
        property = {"osgi.command.scope=" + ShellCommand.SCOPE, "osgi.command.function=status"})
public final class StatusCommand extends AbstractCommand {

    private static final String HTTP_RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";

    private final BundleContext context;

    /**
     * Creates the command.
     *
     * @param view what it looks at
     * @param context the bundle context, to look at the other bundles; {@code null} outside OSGi
     */
    @Activate
    public StatusCommand(@Reference RouterView view, BundleContext context) {
        super(view, "status", "Whether the router runs and is healthy.");
        this.context = context;
    }

    @Override
    protected Object model(Args args) {
        positional(args, 0, 0);
        List<String> problems = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", true);
        m.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        Map<String, Object> mgm = new LinkedHashMap<>();
        mgm.put("up", view.mgmRunning());
        if (view.mgmRunning()) {
            MulticastGroupService s = view.mgm();
            mgm.put("protocols", s.protocols().size());
            mgm.put("interfaces", s.interfaces().size());
            mgm.put("memberships", s.memberships().size());
            mgm.put("mfes", s.mfes().count());
        } else {
            problems.add("the MGM service is not running");
        }
        m.put("mgm", mgm);
        Map<String, Object> igmp = new LinkedHashMap<>();
        igmp.put("up", view.igmp().isPresent());
        view.igmp().ifPresent(s -> {
            igmp.put("interfaces", s.interfaces().size());
            igmp.put("groups", s.groups(null).size());
        });
        m.put("igmp", igmp);
        if (context != null) {
            Map<String, Object> bundles = new LinkedHashMap<>();
            List<String> inactive = new ArrayList<>();
            int active = 0;
            Bundle[] all = context.getBundles();
            for (Bundle b : all) {
                if (b.getState() == Bundle.ACTIVE) {
                    active++;
                } else if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    inactive.add(b.getSymbolicName());
                }
            }
            bundles.put("installed", all.length);
            bundles.put("active", active);
            bundles.put("inactive", inactive);
            m.put("bundles", bundles);
            if (!inactive.isEmpty()) {
                problems.add("bundles not active: " + String.join(", ", inactive));
            }
            m.put("web", webUrl());
        }
        m.put("healthy", problems.isEmpty());
        m.put("problems", problems);
        return m;
    }

    private String webUrl() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(HTTP_RUNTIME, null);
            if (refs == null) {
                return null;
            }
            for (ServiceReference<?> ref : refs) {
                Object endpoint = ref.getProperty("osgi.http.endpoint");
                String first = endpoint instanceof String[] a && a.length > 0 ? a[0]
                        : endpoint instanceof java.util.Collection<?> c && !c.isEmpty() ? String.valueOf(c.iterator().next())
                        : endpoint == null ? null : endpoint.toString();
                if (first != null) {
                    return (first.endsWith("/") ? first : first + "/") + "openmgm/";
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected ExitCode exitCode(Object model) {
        return Boolean.TRUE.equals(((Map<?, ?>) model).get("healthy")) ? ExitCode.OK : ExitCode.UNHEALTHY;
    }

    @Override
    protected String text(Object model, Args args) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) model;
        StringBuilder b = new StringBuilder();
        boolean healthy = Boolean.TRUE.equals(m.get("healthy"));
        b.append("OpenMGM is running").append(healthy ? " and healthy" : " but NOT healthy").append('\n');
        b.append("  uptime      ").append(Format.duration(java.time.Duration.ofSeconds((Long) m.get("uptimeSeconds"))))
                .append('\n');
        Map<String, Object> mgm = Models.obj(m, "mgm");
        b.append("  MGM         ").append(Boolean.TRUE.equals(mgm.get("up"))
                ? "up: " + mgm.get("protocols") + " protocols, " + mgm.get("interfaces") + " interfaces, "
                + mgm.get("memberships") + " memberships, " + mgm.get("mfes") + " MFEs" : "DOWN").append('\n');
        Map<String, Object> igmp = Models.obj(m, "igmp");
        b.append("  IGMP        ").append(Boolean.TRUE.equals(igmp.get("up"))
                ? "running on " + igmp.get("interfaces") + " interface(s), " + igmp.get("groups") + " groups"
                : "not running").append('\n');
        Map<String, Object> bundles = Models.obj(m, "bundles");
        if (bundles != null) {
            b.append("  bundles     ").append(bundles.get("active")).append(" active of ")
                    .append(bundles.get("installed")).append('\n');
            Object web = m.get("web");
            b.append("  web view    ").append(web == null ? "off (no HTTP service)" : web).append('\n');
        }
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) m.get("problems");
        problems.forEach(p -> b.append("  problem: ").append(p).append('\n'));
        return b.toString();
    }
}
