package io.rootscope.backend.ingest.csv;

/** A CSV input that cannot be used at all, naming the file and line (an HTTP front answers it with 400). */
public class CsvFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    public CsvFormatException(String file, long line, String message) {
        super(file + " line " + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }
}
