package io.rootscope.analytics.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TemplateFingerprintTest {

    /** Reference values of 64-bit FNV-1a from the FNV authors' test suite. */
    @Test
    void matchesPublishedFnv1a64Vectors() {
        assertEquals("cbf29ce484222325", TemplateFingerprint.hex(TemplateFingerprint.of("")));
        assertEquals("af63dc4c8601ec8c", TemplateFingerprint.hex(TemplateFingerprint.of("a")));
        assertEquals("85944171f73967e8", TemplateFingerprint.hex(TemplateFingerprint.of("foobar")));
    }

    @Test
    void padsHexToSixteenDigits() {
        assertEquals("000000000000000f", TemplateFingerprint.hex(15));
    }

    @Test
    void templateRejectsAFingerprintOfAnotherText() {
        assertThrows(IllegalArgumentException.class, () -> new LogTemplate(TemplateFingerprint.of("a"), "b"));
    }
}
