package org.openmgm.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Runs the OpenMGM router: an embedded Apache Felix that installs the bundles of {@code
 * bundle/<start level>/}, hot-deploys {@code deploy/} and reads Config Admin files from {@code
 * etc/} (both through FileInstall), keeps its cache in {@code data/cache} and logs to the console
 * and {@code data/log/openmgm.log}.
 *
 * <p>Compiled for Java 17 so that an older JVM gets a clear message instead of a class-version
 * error; the router itself needs Java 25.
 */
public final class Main {

    static final int REQUIRED_JAVA = 25;
    static final String READY_SERVICE = "org.openmgm.api.MulticastGroupService";
    private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

    private Main() {
    }

    public static void main(String[] args) {
        int feature = Runtime.version().feature();
        if (feature < REQUIRED_JAVA) {
            System.err.println("openmgm: Java " + REQUIRED_JAVA + " or newer is required, but this is Java " + feature
                    + " (" + System.getProperty("java.home") + "). Set JAVA_HOME to a JDK " + REQUIRED_JAVA + ".");
            System.exit(3);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("openmgm: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(e instanceof Options.UnknownCommandException ? 5 : 2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        System.exit(run(options));
    }

    static int run(Options options) {
        Path home = options.home();
        ConsoleLog log;
        try {
            log = ConsoleLog.install(home.resolve("data/log"));
        } catch (IOException e) {
            System.err.println("openmgm: cannot write the log under " + home.resolve("data/log") + ": " + e);
            return 1;
        }
        long started = System.nanoTime();
        try {
            LoggingSettings.apply(home.resolve("etc/logging.properties"), log);
            // FileInstall and SPI-Fly log through java.util.logging: one line each, to the same log.
            if (System.getProperty(JUL_FORMAT) == null) {
                System.setProperty(JUL_FORMAT, "%1$tF %1$tT.%1$tL [jul] %4$s %3$s - %5$s%6$s%n");
            }
            BundleFolders bundles = BundleFolders.scan(home.resolve("bundle"));
            Framework framework = newFramework(frameworkProperties(home, options, bundles.maxStartLevel()));
            framework.init();
            framework.getBundleContext().addFrameworkListener(new FrameworkProblems(log));
            bundles.installAll(framework.getBundleContext(), log);
            Thread hook = new Thread(() -> stop(framework, log), "openmgm-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Readiness readiness = Readiness.watch(framework.getBundleContext(), READY_SERVICE);
            framework.start();
            readiness.await(started, log);
            return waitForStop(framework, hook, log);
        } catch (BundleException | IOException | RuntimeException e) {
            log.error("OpenMGM failed to start: " + e.getMessage(), e);
            return 1;
        }
    }

    private static Framework newFramework(Map<String, String> props) {
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            throw new IllegalStateException("no OSGi framework on the class path (lib/org.apache.felix.framework-*.jar)");
        }
        return factories.next().newFramework(props);
    }

    static Map<String, String> frameworkProperties(Path home, Options options, int maxStartLevel) {
        Map<String, String> p = new HashMap<>();
        String root = home.toAbsolutePath().normalize().toString();
        p.put("openmgm.home", root);
        p.put("org.osgi.framework.storage", root + "/data/cache");
        // A clean cache on every start: bundle/ and deploy/ are the truth, nothing lingers.
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("org.osgi.framework.startlevel.beginning", Integer.toString(maxStartLevel + 1));
        p.put("felix.log.level", "1");
        // FileInstall watches etc/ for configuration; etc/org.apache.felix.fileinstall-deploy.cfg
        // adds the second watcher, on deploy/, for bundles (and configurations dropped there).
        p.put("felix.fileinstall.dir", root + "/etc");
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "3");
        p.put("felix.fileinstall.log.default", "jul");
        // The HTTP service starts only with its configuration (etc/org.apache.felix.http.cfg), never on
        // its defaults (every address, port 8080) before FileInstall has read etc/.
        p.put("org.apache.felix.http.require.config", "true");
        p.put("org.apache.felix.http.host", "127.0.0.1");
        p.put("gosh.home", root);
        p.put("gosh.args", options.console().goshArgs());
        return p;
    }

    private static int waitForStop(Framework framework, Thread hook, ConsoleLog log) {
        try {
            FrameworkEvent event = framework.waitForStop(0);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // A signal started the shutdown: the hook finishes the stop and ends the process.
                hook.join();
            }
            log.info("OpenMGM stopped");
            log.close();
            return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Shutdown hook: Ctrl-C or SIGTERM stops the framework cleanly (bundles deactivate in order),
     * then ends the process with status 0, the status of a requested, orderly stop (the JVM would
     * otherwise report 130 or 143), or 1 if the framework did not stop in time.
     */
    private static void stop(Framework framework, ConsoleLog log) {
        int status = 0;
        try {
            log.info("Stopping OpenMGM");
            framework.stop();
            FrameworkEvent e = framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.error("OpenMGM did not stop within 30 s", null);
                status = 1;
            } else {
                log.info("OpenMGM stopped");
            }
        } catch (BundleException | InterruptedException e) {
            log.error("Error while stopping OpenMGM: " + e.getMessage(), e);
            status = 1;
        }
        log.close();
        Runtime.getRuntime().halt(status);
    }
}
