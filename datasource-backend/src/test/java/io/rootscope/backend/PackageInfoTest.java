package io.rootscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every hand-written backend package says in a {@code package-info.java} what it is and what it may use. */
class PackageInfoTest {

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> folders = Files.walk(sources)) {
            List<String> missing = folders.filter(Files::isDirectory)
                    .filter(PackageInfoTest::holdsClasses)
                    .filter(folder -> !Files.exists(folder.resolve("package-info.java")))
                    .map(folder -> sources.relativize(folder).toString())
                    .toList();
            assertEquals(List.of(), missing);
        }
    }

    private static boolean holdsClasses(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
