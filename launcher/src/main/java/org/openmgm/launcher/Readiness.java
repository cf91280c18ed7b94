package org.openmgm.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;

/**
 * Decides when the router is ready — the framework reached its beginning start level, every
 * installed bundle is active and the MGM service is registered — and says so once, with the time
 * since the launcher started. Otherwise it names what is missing. Created after {@code init()} and
 * before {@code start()} so that no event is missed.
 */
final class Readiness implements FrameworkListener, ServiceListener {

    private static final long TIMEOUT_SECONDS = 60;
    /*
     * FileInstall installs the jars already in deploy/ on its own thread, then starts them: at the
     * beginning start level such a bundle may still be INSTALLED for a moment. How long it gets to
     * become active before it counts as a failure.
     */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final BundleContext context;
    private final String serviceClass;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch serviceUp = new CountDownLatch(1);

    private Readiness(BundleContext context, String serviceClass) {
        this.context = context;
        this.serviceClass = serviceClass;
    }

    static Readiness watch(BundleContext context, String serviceClass) {
        Readiness r = new Readiness(context, serviceClass);
        context.addFrameworkListener(r);
        try {
            context.addServiceListener(r, "(" + Constants.OBJECTCLASS + "=" + serviceClass + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        return r;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            started.countDown();
        }
    }

    @Override
    public void serviceChanged(org.osgi.framework.ServiceEvent event) {
        serviceUp.countDown();
    }

    /** Waits, then logs the verdict. */
    boolean await(long startedNanos, ConsoleLog log) {
        try {
            if (context.getServiceReference(serviceClass) != null) {
                serviceUp.countDown();
            }
            boolean ready = started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    && serviceUp.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> inactive = inactiveBundles();
            for (long end = System.nanoTime() + SETTLE_NANOS; ready && !inactive.isEmpty() && System.nanoTime() < end; ) {
                Thread.sleep(20);                       // a poll with a deadline: bundle states have no single event
                inactive = inactiveBundles();
            }
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            if (ready && inactive.isEmpty()) {
                log.info(String.format(Locale.ROOT, "OpenMGM ready in %.2f s: %d bundles active, MGM service up",
                        seconds, context.getBundles().length));
                return true;
            }
            log.error(String.format(Locale.ROOT, "OpenMGM is NOT ready after %.1f s: %sinactive bundles: %s",
                    seconds, ready ? "" : "the MGM service is not registered; ", inactive), null);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            context.removeFrameworkListener(this);
            context.removeServiceListener(this);
        }
    }

    private List<String> inactiveBundles() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                inactive.add(b.getSymbolicName() + " (" + state(b.getState()) + ")");
            }
        }
        return inactive;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED: not resolved";
            case Bundle.RESOLVED -> "RESOLVED: not started";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
