package io.rootscope.backend.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rootscope.backend.testing.JooqCodegen;
import io.rootscope.backend.testing.RepositoryRoot;
import io.rootscope.backend.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed jOOQ classes match what the migrations produce: run {@code ./rootscope db codegen} when this fails. */
class GeneratedSchemaTest {

    @TempDir
    Path output;

    @Test
    void committedJooqClassesMatchTheMigrations() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated()) {
            JooqCodegen.generate(database, output);
        }
        String packagePath = JooqCodegen.PACKAGE.replace('.', '/');
        Map<String, String> expected = sources(output.resolve(packagePath));
        Map<String, String> committed = sources(RepositoryRoot.find().resolve(JooqCodegen.SOURCE_ROOT).resolve(packagePath));
        assertEquals(expected.keySet(), committed.keySet(), "generated files differ: run ./rootscope db codegen");
        expected.forEach((file, text) -> assertEquals(text, committed.get(file), file + " is stale: run ./rootscope db codegen"));
    }

    private static Map<String, String> sources(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }
}
