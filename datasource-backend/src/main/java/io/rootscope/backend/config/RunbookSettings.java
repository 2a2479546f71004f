package io.rootscope.backend.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The runbook folder the backend loads at start ({@code ROOTSCOPE_RUNBOOKS_DIR}; none: nothing loaded) and the tenant
 * whose runbooks it is ({@code ROOTSCOPE_RUNBOOKS_TENANT}).
 */
public record RunbookSettings(Optional<Path> directory, String tenant) {

    public static final String TENANT_DEFAULT = "default";
    public static final RunbookSettings NONE = new RunbookSettings(Optional.empty(), TENANT_DEFAULT);
}
