package io.rootscope.workload.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends every fault state change as one JSON line, flushed immediately so an abruptly stopped run still
 * leaves its ground truth behind. The last line per id is the fault's final state.
 */
public final class GroundTruthFile implements FaultListener, AutoCloseable {

    private final ObjectMapper mapper;
    private final Writer writer;

    public GroundTruthFile(ObjectMapper mapper, Path file) throws IOException {
        this.mapper = mapper;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void changed(Fault fault) {
        try {
            writer.write(mapper.writeValueAsString(FaultJson.toJson(mapper, fault)));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
