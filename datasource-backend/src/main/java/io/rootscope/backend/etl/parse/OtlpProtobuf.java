package io.rootscope.backend.etl.parse;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.InputStream;

/** Decoding of the OTLP/protobuf encoding by the generated classes of {@code opentelemetry-proto}. */
final class OtlpProtobuf {

    private OtlpProtobuf() {
    }

    /**
     * The request decoded whole from the body (bounded by the HTTP layer).
     *
     * @throws MalformedPayloadException if the body is not a {@code shape.requestType()} in protobuf
     * @throws IOException               if reading the stream fails (a body over the limit among others)
     */
    static <Q extends Message> DecodedRequest<Q> decode(InputStream body, OtlpShape<Q, ?, ?, ?> shape) throws IOException {
        // Read first, decoded after: a failure to read stays what it is instead of becoming a decoding error.
        byte[] bytes = body.readAllBytes();
        try {
            return new DecodedRequest<>(shape.parser().parseFrom(bytes), new DecodeRejects());
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedPayloadException("payload is not an OTLP/protobuf " + shape.requestType() + ": " + e.getMessage(), e);
        }
    }
}
