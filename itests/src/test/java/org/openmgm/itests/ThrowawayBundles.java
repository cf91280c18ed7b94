package org.openmgm.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

/**
 * Builds throwaway protocol bundles with TinyBundles, in the test driver before the container
 * starts (Pax Exam {@code @Configuration}), into {@code target/itest-work}. Tests inside the
 * container install them from there by file URL, so they can install, stop, update and
 * uninstall them at will.
 */
final class ThrowawayBundles {

    private ThrowawayBundles() {
    }

    static Path workDir() {
        return Paths.get(System.getProperty("itest.workdir", "target/itest-work"));
    }

    /** Where the jar of a throwaway bundle is (or will be). */
    static Path jar(String name, String version) {
        return workDir().resolve(name + "-" + version + ".jar");
    }

    /** Builds a protocol bundle that registers protocol {@code id/component} and takes {@code interfaces}. */
    static Path build(String name, String version, int id, int component, String interfaces) {
        try (InputStream in = TinyBundles.bundle()
                .symbolicName("org.openmgm.itests.throwaway." + name)
                .setHeader(Constants.BUNDLE_VERSION, version)
                .setHeader(ThrowawayProtocolActivator.PROTOCOL_ID, Integer.toString(id))
                .setHeader(ThrowawayProtocolActivator.COMPONENT_ID, Integer.toString(component))
                .setHeader(ThrowawayProtocolActivator.INTERFACES, interfaces)
                .activator(ThrowawayProtocolActivator.class)
                .build(TinyBundles.bndBuilder())) {
            Path target = jar(name, version);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
