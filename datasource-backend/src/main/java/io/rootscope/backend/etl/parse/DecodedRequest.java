package io.rootscope.backend.etl.parse;

/** An export request and what its decoding left out (nothing for protobuf, which decodes whole or not at all). */
record DecodedRequest<Q>(Q request, DecodeRejects rejects) {
}
