package io.rootscope.backend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The release {@code ./rootscope package} builds ({@code rootscope-backend-VERSION.tar.gz}), as Maven names it to the
 * tests in the system property {@link #PROPERTY}, unpacked as a user unpacks it.
 */
public final class ReleaseArchive {

    public static final String PROPERTY = "rootscope.releaseArchive";
    public static final String JAR = "rootscope-backend.jar";

    private ReleaseArchive() {
    }

    /** The archive Maven built in this run. */
    public static Path built() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: run this test through Maven");
        }
        Path archive = Path.of(value);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(archive + " is missing: build it with ./rootscope package");
        }
        return archive;
    }

    /** Unpacks {@code archive} into {@code into} with {@code tar}; returns the release's folder. */
    public static Path unpack(Path archive, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar -xzf " + archive + " exited with " + tar.exitValue());
        }
        String name = archive.getFileName().toString();
        Path release = into.resolve(name.substring(0, name.length() - ".tar.gz".length()));
        if (!Files.isRegularFile(release.resolve(JAR))) {
            throw new IOException("no " + JAR + " in " + release);
        }
        return release;
    }
}
