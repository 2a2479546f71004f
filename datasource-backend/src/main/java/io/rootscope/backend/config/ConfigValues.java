package io.rootscope.backend.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The raw settings of one process: the environment's {@code ROOTSCOPE_*} variables over the properties file that
 * {@code ROOTSCOPE_CONFIG} names (same keys). Every key must be a {@link ConfigKey}; the typed reads name the key of a
 * bad value. Other environment variables are not looked at.
 */
final class ConfigValues {

    private final Map<ConfigKey, String> values;

    private ConfigValues(Map<ConfigKey, String> values) {
        this.values = values;
    }

    static ConfigValues of(Map<String, String> env) {
        Map<ConfigKey, String> values = new HashMap<>();
        String file = env.get(ConfigKey.CONFIG.key());
        if (file != null && !file.isBlank()) {
            readFile(file.trim()).forEach((key, value) -> values.put(fromFile(key, file.trim()), value));
        }
        env.forEach((key, value) -> {
            if (key.startsWith(ConfigKey.PREFIX)) {
                values.put(known(key, "in the environment"), value);
            }
        });
        return new ConfigValues(values);
    }

    /** The value set for {@code key}, trimmed; empty when unset or blank. */
    Optional<String> text(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String text(ConfigKey key, String fallback) {
        return text(key).orElse(fallback);
    }

    /** A whole number of at least {@code min}, else {@code fallback} when unset. */
    long integer(ConfigKey key, long fallback, long min) {
        return integer(key, fallback, min, Long.MAX_VALUE);
    }

    long integer(ConfigKey key, long fallback, long min, long max) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(key.key() + " must be a whole number, got '" + text.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(key.key() + " must be " + (max >= Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max)
                    + ", got " + value);
        }
        return value;
    }

    int smallInteger(ConfigKey key, int fallback, int min) {
        return (int) integer(key, fallback, min, Integer.MAX_VALUE);
    }

    private static ConfigKey known(String key, String where) {
        return ConfigKey.of(key).orElseThrow(() -> new ConfigException("unknown setting " + key + " " + where
                + " (the known keys are listed in README's configuration table)"));
    }

    /** A key of the backend's: the launcher's keys and the file's own name would have no effect in the file. */
    private static ConfigKey fromFile(String key, String file) {
        String where = "in the ROOTSCOPE_CONFIG file " + file;
        ConfigKey known = known(key, where);
        if (known.reader() != ConfigKey.Reader.BACKEND) {
            throw new ConfigException(key + " " + where + " has no effect there: it is read from the environment only");
        }
        return known;
    }

    private static Map<String, String> readFile(String file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException("ROOTSCOPE_CONFIG: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ROOTSCOPE_CONFIG: " + file + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put(key.toString(), value.toString()));
        return values;
    }
}
