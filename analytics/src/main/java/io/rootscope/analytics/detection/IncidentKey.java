package io.rootscope.analytics.detection;

/** What an incident is about: one rule on one resource group. At most one incident per key is open at a time. */
public record IncidentKey(String rule, String group) {
}
