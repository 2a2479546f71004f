package io.rootscope.backend.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in: the folder holding the {@code rootscope} script. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("rootscope")) && Files.isDirectory(dir.resolve("sql"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with the rootscope script) above "
                + Path.of("").toAbsolutePath());
    }
}
