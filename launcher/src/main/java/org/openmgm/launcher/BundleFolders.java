package org.openmgm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The bundles of {@code bundle/<N>/*.jar}: the folder name is the start level. Logging lives at 1
 * (slf4j 2 must find its provider before any bundle logs), the OSGi services at 2 and OpenMGM at
 * 3; hot-deployed bundles start one level above the highest folder.
 */
final class BundleFolders {

    private final Map<Integer, List<Path>> byLevel;

    private BundleFolders(Map<Integer, List<Path>> byLevel) {
        this.byLevel = byLevel;
    }

    static BundleFolders scan(Path root) throws IOException {
        Map<Integer, List<Path>> byLevel = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                int level;
                try {
                    level = Integer.parseInt(dir.getFileName().toString());
                } catch (NumberFormatException e) {
                    throw new IOException(dir + ": folders under bundle/ must be named by start level (1, 2, ...)");
                }
                try (Stream<Path> jars = Files.list(dir)) {
                    byLevel.put(level, jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
                }
            }
        }
        if (byLevel.isEmpty()) {
            throw new IOException(root + " holds no bundles");
        }
        return new BundleFolders(byLevel);
    }

    int maxStartLevel() {
        return byLevel.keySet().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** Installs every bundle at its start level and marks it for start; a bad jar is reported and skipped. */
    List<Bundle> installAll(BundleContext context, ConsoleLog log) {
        List<Bundle> installed = new ArrayList<>();
        for (Map.Entry<Integer, List<Path>> level : byLevel.entrySet()) {
            for (Path jar : level.getValue()) {
                try {
                    Bundle b = context.installBundle(jar.toUri().toString());
                    b.adapt(BundleStartLevel.class).setStartLevel(level.getKey());
                    if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                        b.start(Bundle.START_ACTIVATION_POLICY);
                    }
                    installed.add(b);
                } catch (BundleException | RuntimeException e) {
                    log.error("Cannot install " + jar + ": " + e.getMessage(), e);
                }
            }
        }
        return installed;
    }
}
