/**
 * The wire types of Grafana's JSON data-source protocol: the {@code /query} body, data frames (also the Node Graph's)
 * and the bounds of one request; and OTLP's failure answer, a {@code google.rpc.Status}
 * ({@link io.rootscope.backend.protocol.RpcStatus}). Support, at the bottom: the query kinds answer in its frames and
 * {@code http}'s {@code DataSourceController} speaks it, both request entries build their OTLP failures with it; it uses
 * no other backend package.
 */
package io.rootscope.backend.protocol;
