package io.rootscope.backend.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.rootscope.backend.refusal.StorableValues;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Binds only what PostgreSQL can take ({@link StorableValues}): every string of a request, and every map key, is
 * refused when it holds a NUL character, and every time when it lies outside the timestamptz range — at binding, so
 * the input error names the field wherever in the request it is.
 */
final class StorableValuesModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    StorableValuesModule() {
        super("storable-values");
        addDeserializer(String.class, new StorableString());
        addKeyDeserializer(String.class, new StorableKey());
        addDeserializer(Instant.class, new StorableInstant());
    }

    private static final class StorableString extends StdScalarDeserializer<String> {

        private static final long serialVersionUID = 1L;

        StorableString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && !StorableValues.isStorable(value)) {
                throw new RejectedValueException(p, StorableValues.NUL_PROBLEM);
            }
            return value;
        }
    }

    private static final class StorableKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!StorableValues.isStorable(key)) {
                throw new RejectedValueException(ctxt.getParser(), "a field name " + StorableValues.NUL_PROBLEM);
            }
            return key;
        }
    }

    private static final class StorableInstant extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        StorableInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Instant value;
            try {
                value = InstantDeserializer.INSTANT.deserialize(p, ctxt);
            } catch (DateTimeException e) {
                // Numbers beyond Instant's own range fail in java.time rather than as a Jackson format error.
                throw new RejectedValueException(p, "expected " + JsonProblems.expected(Instant.class));
            }
            if (value != null && !StorableValues.isStorable(value)) {
                throw new RejectedValueException(p, StorableValues.TIME_PROBLEM);
            }
            return value;
        }
    }
}
