package io.rootscope.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rootscope.backend.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ROOTSCOPE_*} key the repository sets or reads — the launcher, the local database's script, compose, the
 * provisioning, the tests, the plugin's tests, the e2e module — is a known {@link ConfigKey}, so no legitimate environment
 * is refused; and README's configuration table lists exactly the known keys.
 */
class ConfigKeysTest {

    private static final Pattern KEY = Pattern.compile("ROOTSCOPE_[A-Z0-9_]*[A-Z0-9]");
    /** A row of the configuration table: its first cell names one key or several ({@code `A` / `B`}). */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`ROOTSCOPE_[A-Z0-9_]+`(?: / `ROOTSCOPE_[A-Z0-9_]+`)*) \\|", Pattern.MULTILINE);
    /** Not the project's files (dependencies, build output); every file is read as Latin-1, so binary ones cannot fail. */
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "dist", ".idea");

    @Test
    void everyKeyTheRepositoryUsesIsKnown() throws IOException {
        Path root = RepositoryRoot.find();
        Set<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet());
        TreeMap<String, Path> unknown = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Matcher used = KEY.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (used.find()) {
                    if (!known.contains(used.group())) {
                        unknown.putIfAbsent(used.group(), root.relativize(file));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(unknown.isEmpty(), "keys used in the repository but unknown to ConfigKey (add them, with a README row): " + unknown);
    }

    @Test
    void theReadmeTableListsEveryKnownKeyOnce() throws IOException {
        String readme = Files.readString(RepositoryRoot.find().resolve("README.md"));
        Matcher row = TABLE_ROW.matcher(readme);
        TreeSet<String> rows = new TreeSet<>();
        int count = 0;
        while (row.find()) {
            Matcher key = KEY.matcher(row.group(1));
            while (key.find()) {
                rows.add(key.group());
                count++;
            }
        }
        assertEquals(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toCollection(TreeSet::new)), rows);
        assertEquals(rows.size(), count, "each key in one row");
    }
}
