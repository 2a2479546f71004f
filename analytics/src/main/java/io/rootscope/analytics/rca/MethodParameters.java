package io.rootscope.analytics.rca;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * String parameters of a method (as given on a command line, {@code key=value}), read by a config factory which
 * asks for every key it knows and then calls {@link #rejectUnknown}: a misspelt key fails instead of being ignored.
 */
public final class MethodParameters {

    private final String method;
    private final Map<String, String> values;
    private final Set<String> known = new TreeSet<>();

    public MethodParameters(String method, Map<String, String> values) {
        this.method = method;
        this.values = new TreeMap<>(values);
    }

    public double getDouble(String key, double defaultValue) {
        String v = read(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + ": parameter " + key + " must be a number, got '" + v + "'");
        }
    }

    public int getInt(String key, int defaultValue) {
        String v = read(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + ": parameter " + key + " must be an integer, got '" + v + "'");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = read(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + ": parameter " + key + " must be an integer, got '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = read(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(method + ": parameter " + key + " must be true or false, got '" + v
                    + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** @throws IllegalArgumentException naming the unknown keys and the known ones */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(method + ": unknown parameter(s) " + unknown + "; known: " + known);
        }
    }

    private String read(String key) {
        known.add(key);
        return values.get(key);
    }
}
