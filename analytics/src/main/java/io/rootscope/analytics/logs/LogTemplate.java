package io.rootscope.analytics.logs;

/**
 * A mined log template: its text, variables shown as {@link MaskedVariable} tokens or the Drain wildcard
 * {@value DrainTemplateMiner#WILDCARD}, and its {@link TemplateFingerprint fingerprint}.
 */
public record LogTemplate(long fingerprint, String text) {

    public LogTemplate {
        if (text == null) {
            throw new IllegalArgumentException("template text must not be null");
        }
        if (fingerprint != TemplateFingerprint.of(text)) {
            throw new IllegalArgumentException("fingerprint does not match template text '" + text + "'");
        }
    }

    /** The template of a text, with its fingerprint computed. */
    public static LogTemplate of(String text) {
        return new LogTemplate(TemplateFingerprint.of(text), text);
    }

    /** The fingerprint as 16 hex digits. */
    public String fingerprintHex() {
        return TemplateFingerprint.hex(fingerprint);
    }
}
