package io.rootscope.backend.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one JSON error shape of every endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String field) {
}
