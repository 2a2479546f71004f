package io.rootscope.backend.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootscope.backend.protocol.DataFrame;
import java.util.List;

/**
 * One kind of panel query ({@code target} in the JSON data-source protocol), with its typed payload.
 * Implementations bind the payload with {@code Json.convert}, so an unknown or malformed field is a 400.
 */
public interface QueryKind {

    /** The {@code target} value, also the plugin's {@code queryType}. */
    String name();

    String label();

    List<PayloadOption> payloadOptions();

    List<DataFrame> run(QueryContext context, JsonNode payload);

    /** The choices of a payload field: a {@code resource} field lists the caller's resources in every kind. */
    default List<PayloadOption.Choice> optionValues(QueryContext context, String field, JsonNode payload) {
        return field.equals("resource") ? ResourceChoices.of(context) : List.of();
    }
}
