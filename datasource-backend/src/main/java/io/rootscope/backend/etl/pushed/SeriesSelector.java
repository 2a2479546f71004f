package io.rootscope.backend.etl.pushed;

import java.util.Map;

/** Pushed series of one name whose labels meet every matcher, like a PromQL selector {@code name{label="v"}}. */
public record SeriesSelector(String name, Map<String, LabelMatcher> matchers) {

    public SeriesSelector {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a selector needs a series name");
        }
        matchers = Map.copyOf(matchers);
    }

    public static SeriesSelector of(String name, String... labelAndMatcher) {
        Map<String, LabelMatcher> matchers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labelAndMatcher.length; i += 2) {
            matchers.put(labelAndMatcher[i], LabelMatcher.parse(labelAndMatcher[i + 1]));
        }
        return new SeriesSelector(name, matchers);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.entrySet().stream().allMatch(m -> m.getValue().matches(labels.get(m.getKey())));
    }
}
