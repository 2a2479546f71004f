package io.rootscope.backend.knowledge;

import static io.rootscope.backend.db.schema.Tables.DIM_TENANT;
import static io.rootscope.backend.db.schema.Tables.KB_CHUNK;
import static io.rootscope.backend.db.schema.Tables.KB_DOC;

import io.rootscope.backend.rca.AnomalyProfileVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Makes a tenant's runbooks those of a folder (its Markdown and YAML files, subfolders included): a new file is added, a
 * changed one (by its content's SHA-256) has its chunks replaced, an unchanged one is left alone, and the document of a
 * file no longer there is removed. Every file is read and checked before anything is written, so a bad file changes
 * nothing; each file is then written in a transaction of its own.
 */
public final class RunbookLoader {

    /** The source of a runbook document: this prefix and the file's path within its folder. */
    public static final String SOURCE_PREFIX = "runbook:";

    private final DSLContext db;
    private final SentenceEmbedder embedder;

    public RunbookLoader(DSLContext db, SentenceEmbedder embedder) {
        this.db = db;
        this.embedder = embedder;
    }

    /** What a load did, by file (paths within the folder). */
    public record LoadReport(List<String> added, List<String> changed, List<String> unchanged, List<String> removed) {

        @Override
        public String toString() {
            return added.size() + " added, " + changed.size() + " changed, " + unchanged.size() + " unchanged, "
                    + removed.size() + " removed";
        }
    }

    private record RunbookFile(String path, String sha256, Runbook runbook) {
    }

    /**
     * @throws InvalidRunbookException naming every bad file (nothing written)
     * @throws IllegalArgumentException when the folder is not one or the tenant is unknown
     */
    public LoadReport load(Path folder, String tenant) {
        Long tenantId = db.select(DIM_TENANT.TENANT_ID).from(DIM_TENANT).where(DIM_TENANT.CODE.eq(tenant)).fetchOne(DIM_TENANT.TENANT_ID);
        if (tenantId == null) {
            throw new IllegalArgumentException("unknown tenant '" + tenant + "'");
        }
        List<RunbookFile> files = read(folder);
        Map<String, String> stored = new LinkedHashMap<>();
        db.select(KB_DOC.SOURCE, KB_DOC.CONTENT_SHA256).from(KB_DOC)
                .where(KB_DOC.TENANT_ID.eq(tenantId)).and(KB_DOC.SOURCE.startsWith(SOURCE_PREFIX))
                .forEach(row -> stored.put(row.value1(), row.value2()));
        LoadReport report = new LoadReport(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (RunbookFile file : files) {
            String source = SOURCE_PREFIX + file.path();
            String previous = stored.remove(source);
            if (file.sha256().equals(previous)) {
                report.unchanged().add(file.path());
                continue;
            }
            write(tenantId, source, file);
            (previous == null ? report.added() : report.changed()).add(file.path());
        }
        if (!stored.isEmpty()) {
            db.deleteFrom(KB_DOC).where(KB_DOC.TENANT_ID.eq(tenantId)).and(KB_DOC.SOURCE.in(stored.keySet())).execute();
            stored.keySet().forEach(source -> report.removed().add(source.substring(SOURCE_PREFIX.length())));
        }
        return report;
    }

    /** The document and its chunks, replacing the previous ones; the embeddings are computed before the transaction. */
    private void write(long tenantId, String source, RunbookFile file) {
        Runbook runbook = file.runbook();
        List<String> passages = runbook.sections().stream().map(section -> section.passage(runbook.title())).toList();
        List<float[]> embeddings = embedder.embedAll(passages);
        JSONB metadata = JSONB.valueOf("{\"sections\":" + passages.size() + "}");
        db.transaction(configuration -> {
            DSLContext t = configuration.dsl();
            long docId = t.insertInto(KB_DOC)
                    .set(KB_DOC.TENANT_ID, tenantId).set(KB_DOC.SOURCE, source).set(KB_DOC.TITLE, runbook.title())
                    .set(KB_DOC.CONTENT_SHA256, file.sha256()).set(KB_DOC.METADATA, metadata)
                    .onConflictOnConstraint(DSL.name("kb_doc_source_uq")).doUpdate()
                    .set(KB_DOC.TITLE, runbook.title()).set(KB_DOC.CONTENT_SHA256, file.sha256()).set(KB_DOC.METADATA, metadata)
                    .returning(KB_DOC.DOC_ID).fetchSingle(KB_DOC.DOC_ID);
            t.deleteFrom(KB_CHUNK).where(KB_CHUNK.DOC_ID.eq(docId)).execute();
            for (int i = 0; i < passages.size(); i++) {
                // jOOQ does not know pgvector's type: the vector goes in as text cast in SQL.
                Map<Field<?>, Object> embedding = Map.of(KB_CHUNK.EMBEDDING,
                        DSL.field("{0}::public.vector", Object.class, DSL.val(AnomalyProfileVector.text(embeddings.get(i)))));
                t.insertInto(KB_CHUNK)
                        .set(KB_CHUNK.DOC_ID, docId).set(KB_CHUNK.CHUNK_IDX, i)
                        .set(KB_CHUNK.SECTION, runbook.sections().get(i).heading()).set(KB_CHUNK.CONTENT, passages.get(i))
                        .set(embedding)
                        .execute();
            }
        });
    }

    private static List<RunbookFile> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(Files::isRegularFile).filter(p -> RunbookParser.isRunbook(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        RunbookParser parser = new RunbookParser();
        List<RunbookFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path path : paths) {
            String name = folder.relativize(path).toString().replace('\\', '/');
            try {
                byte[] bytes = Files.readAllBytes(path);
                String content = text(name, bytes);
                files.add(new RunbookFile(name, sha256(bytes), parser.parse(name, content)));
            } catch (InvalidRunbookException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(name + ": cannot read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunbookException(folder.toString(), "nothing loaded; " + String.join("; ", problems));
        }
        return files;
    }

    private static String text(String name, byte[] bytes) {
        if (bytes.length > RunbookParser.MAX_BYTES) {
            throw new InvalidRunbookException(name, "larger than " + RunbookParser.MAX_BYTES + " bytes");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRunbookException(name, "not UTF-8 text");
        }
        if (content.indexOf('\0') >= 0) {
            throw new InvalidRunbookException(name, "holds a NUL character");
        }
        return content;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
