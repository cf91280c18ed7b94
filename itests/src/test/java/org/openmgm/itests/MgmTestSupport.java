package org.openmgm.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.openmgm.api.MulticastGroupService;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.testing.RecordingProtocol;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The container every integration test runs in: Felix with SCR, Config Admin, slf4j 2 (with
 * SPI-Fly at start level 1, STACK.md 3.2) and the freshly built OpenMGM bundles from {@code
 * target/itest-bundles}, plus helpers to install throwaway protocol bundles and to wait.
 */
public abstract class MgmTestSupport {

    protected static final long TIMEOUT_MS = 10_000;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() {
        buildThrowawayBundles();
        List<Option> options = new ArrayList<>(List.of(
                // Keep the test class path's slf4j-simple out of the framework (STACK.md 5, gotcha 2).
                frameworkProperty("felix.bootdelegation.implicit").value("false"),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("info"),
                cleanCaches(),
                junitBundles()));
        for (String level1 : List.of("asm", "asm-tree", "asm-analysis", "asm-commons", "asm-util",
                "org.apache.aries.spifly.dynamic.bundle", "slf4j-api", "slf4j-simple")) {
            options.add(bundle(bundleUrl(level1)).startLevel(1));
        }
        for (String name : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                "org.apache.felix.scr", "org.apache.felix.configadmin", "api", "core", "forwarding-sim", "testing")) {
            options.add(bundle(bundleUrl(name)).startLevel(2));
        }
        options.addAll(List.of(extraOptions()));
        return options(options.toArray(Option[]::new));
    }

    /** More bundles or properties for one test class. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** Builds, in the test driver, the throwaway bundles this class installs. */
    protected void buildThrowawayBundles() {
    }

    private static String bundleUrl(String name) {
        File jar = new File(System.getProperty("itest.bundles"), name + ".jar");
        if (!jar.isFile()) {
            throw new IllegalStateException("missing " + jar + ": run the itests through Maven (mvn verify)");
        }
        return jar.toURI().toString();
    }

    // ---------------------------------------------------------------- helpers used inside the container

    protected MulticastGroupService mgm() {
        return awaitService(MulticastGroupService.class, null);
    }

    protected Bundle install(String name, String version) throws BundleException {
        Path jar = ThrowawayBundles.jar(name, version);
        return context.installBundle(jar.toUri().toString());
    }

    protected Bundle installAndStart(String name, String version) throws BundleException {
        Bundle b = install(name, version);
        b.start();
        return b;
    }

    /** The recording protocol registered with protocol number {@code id}, waiting for it to appear. */
    protected RecordingProtocol protocol(int id) {
        return (RecordingProtocol) awaitService(MulticastRoutingProtocol.class,
                "(" + MulticastRoutingProtocol.PROTOCOL_ID + "=" + id + ")");
    }

    protected <T> T awaitService(Class<T> type, String filter) {
        ServiceTracker<T, T> tracker;
        try {
            tracker = filter == null ? new ServiceTracker<>(context, type, null)
                    : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")"
                            + filter + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        tracker.open();
        try {
            T service = tracker.waitForService(TIMEOUT_MS);
            if (service == null) {
                fail("no " + type.getSimpleName() + (filter == null ? "" : " " + filter) + " within " + TIMEOUT_MS + " ms");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    protected static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT_MS + " ms waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected Bundle bundleNamed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    protected static boolean hasService(BundleContext context, Class<?> type, String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), filter);
            return refs != null && refs.length > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
