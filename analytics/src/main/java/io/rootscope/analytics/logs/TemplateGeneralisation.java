package io.rootscope.analytics.logs;

/**
 * A cluster whose template, reported in an earlier batch as {@code from}, has since been generalised to
 * {@code to} (more positions became wildcards). The database keeps both patterns and may point {@code from}
 * to {@code to}; recording it twice is harmless.
 */
public record TemplateGeneralisation(LogTemplate from, LogTemplate to) {
}
