package io.rootscope.backend.etl.topology;

import io.rootscope.backend.etl.runtime.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An inventory snapshot file (format: {@link InventorySnapshotReader}), re-read at every run. */
public final class InventoryFileSource implements TopologySource {

    private final Path file;
    private final InventorySnapshotReader reader = new InventorySnapshotReader();

    public InventoryFileSource(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "inventory";
    }

    /** @throws IllegalArgumentException when the file's content is not a valid inventory (naming the field) */
    @Override
    public TopologySnapshot read() throws SourceUnavailableException {
        try {
            return reader.read(Files.readString(file));
        } catch (IOException e) {
            throw new SourceUnavailableException("inventory " + file + " unreadable: " + e, e);
        }
    }
}
