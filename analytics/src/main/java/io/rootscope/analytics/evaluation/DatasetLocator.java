package io.rootscope.analytics.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared datasets, which live beside the repository ({@code <repo>/../shared/datasets}): walks up from the
 * working directory until a directory whose parent holds {@code shared/datasets}, so it works from the repository
 * root, a module directory or any worktree.
 */
public final class DatasetLocator {

    private DatasetLocator() {
    }

    /** The named dataset directory, if found. */
    public static Optional<Path> find(String dataset) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("datasets").resolve(dataset);
            if (dir.getParent() != null && Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
