package io.rootscope.analytics.logs;

/**
 * A cluster whose template, reported earlier as {@code from}, is now {@code to}: more positions became wildcards
 * (or, on {@link DrainTemplateMiner#restore}, a stored template folded into another's cluster). What is stored
 * under {@code from} belongs to {@code to}; applying it twice must be harmless.
 */
public record TemplateGeneralisation(LogTemplate from, LogTemplate to) {

    public TemplateGeneralisation {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a generalisation needs both templates");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("a generalisation needs two different templates, got '" + from.text() + "' twice");
        }
    }
}
