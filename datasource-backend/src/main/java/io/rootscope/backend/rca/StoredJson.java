package io.rootscope.backend.rca;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.rootscope.backend.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A stored JSON object read only as far as asked: one top-level member at a time, the others skipped by the tokenizer
 * without building nodes or parsing numbers. A diagnosis' explanation is ~50 KB (mostly behavior-graph edges) while the
 * ranking panel shows only its walk paths.
 */
public final class StoredJson {

    private final String text;

    public StoredJson(String text) {
        this.text = text;
    }

    /** Characters of the stored text (0 when there is none), to weigh what a cache holds. */
    public int length() {
        return text == null ? 0 : text.length();
    }

    /** The member {@code name} of the object, as {@link JsonNode#path}: a missing node when absent. */
    public JsonNode path(String name) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return MissingNode.getInstance();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                parser.nextToken();
                if (member.equals(name)) {
                    return Json.MAPPER.readTree(parser);
                }
                parser.skipChildren();
            }
            return MissingNode.getInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is malformed", e);
        }
    }
}
