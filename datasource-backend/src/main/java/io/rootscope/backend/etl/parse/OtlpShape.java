package io.rootscope.backend.etl.parse;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.function.Function;

/**
 * The nesting of an OTLP export request — resource entries hold scope entries, which hold the records — by its JSON field
 * names (the paths of rejects) and by the accessors of its generated classes.
 *
 * @param defaultRequest the empty request, whose builder the JSON decoding fills
 */
record OtlpShape<Q extends Message, E, S, M>(Q defaultRequest, Parser<Q> parser, String resourcesField, String scopesField,
                                             String recordsField, Function<Q, List<E>> resources, Function<E, Resource> resource,
                                             Function<E, List<S>> scopes, Function<S, List<M>> records) {

    /** The message's name, e.g. {@code ExportTraceServiceRequest}. */
    String requestType() {
        return defaultRequest.getDescriptorForType().getName();
    }

    /** The JSON names of the repeated fields from the request down to the records. */
    List<String> containerFields() {
        return List.of(resourcesField, scopesField, recordsField);
    }
}
