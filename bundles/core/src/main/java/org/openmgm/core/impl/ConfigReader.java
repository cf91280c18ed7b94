package org.openmgm.core.impl;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Typed, validated access to configuration properties. Config Admin hands over strings from
 * {@code .cfg} files and typed values from {@code .config} files or code; both are accepted. A
 * value that is missing keeps the fallback silently; a value that is malformed or out of range
 * keeps the fallback and is reported as (key, "value 'x' is not ...").
 */
final class ConfigReader {

    private final Map<String, ?> props;
    private final BiConsumer<String, String> errors;

    ConfigReader(Map<String, ?> props, BiConsumer<String, String> errors) {
        this.props = props;
        this.errors = errors;
    }

    int intValue(String key, int fallback, int min, int max) {
        return (int) longValue(key, fallback, min, max);
    }

    long longValue(String key, long fallback, long min, long max) {
        Object raw = props.get(key);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            errors.accept(key, "value '" + raw + "' is not an integer; keeping " + fallback);
            return fallback;
        }
        if (value < min || value > max) {
            errors.accept(key, "value '" + raw + "' is outside [" + min + ", " + max + "]; keeping " + fallback);
            return fallback;
        }
        return value;
    }

    boolean booleanValue(String key, boolean fallback) {
        Object raw = props.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        errors.accept(key, "value '" + raw + "' is not true or false; keeping " + fallback);
        return fallback;
    }
}
