package io.rootscope.backend.query;

import io.rootscope.backend.refusal.InvalidInputException;
import io.rootscope.backend.refusal.StorableValues;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Validation shared by query-kind payloads; every failure names the payload field. */
public final class Payloads {

    private Payloads() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("payload." + field, "is required");
        }
        return value;
    }

    public static java.util.UUID requiredEvent(java.util.UUID eventId) {
        if (eventId == null) {
            throw new InvalidInputException("payload.event_id", "is required (an incident's event id)");
        }
        return eventId;
    }

    public static <E extends Enum<E>> E choice(String value, Class<E> type, E fallback, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return constant;
            }
        }
        throw new InvalidInputException("payload." + field, "unknown value '" + value + "'; expected one of " + names(type));
    }

    public static int bounded(Integer value, int fallback, int min, int max, String field) {
        int result = value == null ? fallback : value;
        if (result < min || result > max) {
            throw new InvalidInputException("payload." + field, "must be between " + min + " and " + max + ", got " + result);
        }
        return result;
    }

    public static Instant instant(String value, Instant fallback, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant time;
        try {
            time = Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                time = Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException notMillis) {
                throw new InvalidInputException("payload." + field, "not an ISO-8601 time or epoch milliseconds: '" + value + "'");
            }
        }
        if (!StorableValues.isStorable(time)) {
            throw new InvalidInputException("payload." + field, StorableValues.TIME_PROBLEM + ": " + value);
        }
        return time;
    }

    /** A free-text field, at most {@code maxLength} characters. */
    public static String text(String value, int maxLength, String field) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidInputException("payload." + field, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Enum constants as payload values: lower case, underscores as in the protocol. */
    public static <E extends Enum<E>> List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
