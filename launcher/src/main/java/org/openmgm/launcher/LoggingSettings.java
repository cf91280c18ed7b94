package org.openmgm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Configures slf4j-simple, the router's logging back end, from {@code etc/logging.properties}
 * (keys {@code org.slf4j.simpleLogger.*}, for example {@code
 * org.slf4j.simpleLogger.log.org.openmgm=debug}). System properties given on the command line
 * win. Read once at start: slf4j-simple does not reconfigure itself.
 */
final class LoggingSettings {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LoggingSettings() {
    }

    static void apply(Path file, ConsoleLog log) {
        Properties props = new Properties();
        props.setProperty(PREFIX + "defaultLogLevel", "info");
        props.setProperty(PREFIX + "showDateTime", "true");
        props.setProperty(PREFIX + "dateTimeFormat", ConsoleLog.FORMAT);
        props.setProperty(PREFIX + "showThreadName", "true");
        props.setProperty(PREFIX + "logFile", "System.err");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                log.warn("Cannot read " + file + ": " + e.getMessage() + "; using default logging");
            }
        }
        for (String key : props.stringPropertyNames()) {
            if (!key.startsWith(PREFIX)) {
                log.warn("Ignoring " + key + " in " + file + ": only " + PREFIX + "* keys are read there");
            } else if (System.getProperty(key) == null) {
                System.setProperty(key, props.getProperty(key).trim());
            }
        }
    }
}
