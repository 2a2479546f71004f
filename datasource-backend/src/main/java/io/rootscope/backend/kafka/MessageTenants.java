package io.rootscope.backend.kafka;

import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The tenant of a consumed message: the one its record header named like the HTTP tenant header names (the Collector's
 * exporter carries the client's HTTP header on with {@code include_metadata_keys}), else the consumer's configured
 * tenant. Who may write a topic is Kafka's to decide (its ACLs): the backend trusts what a topic carries.
 */
final class MessageTenants {

    private final String header;
    private final String defaultTenant;
    private final ToLongFunction<String> ids;

    /** @param ids the id of a tenant code; throws for a tenant that does not exist (the message is then skipped) */
    MessageTenants(String header, String defaultTenant, ToLongFunction<String> ids) {
        this.header = header;
        this.defaultTenant = defaultTenant;
        this.ids = ids;
    }

    /** The header's name is matched ignoring case: the Collector's exporter names it as its include_metadata_keys spell it. */
    long of(Headers headers) {
        String code = "";
        for (Header named : headers) {
            if (named.key().equalsIgnoreCase(header) && named.value() != null) {
                code = new String(named.value(), StandardCharsets.UTF_8).trim();
            }
        }
        return ids.applyAsLong(code.isEmpty() ? defaultTenant : code);
    }
}
