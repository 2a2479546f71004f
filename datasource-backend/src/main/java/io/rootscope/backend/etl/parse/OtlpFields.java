package io.rootscope.backend.etl.parse;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.rootscope.backend.refusal.StorableValues;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks and conversions of decoded OTLP field values shared by the trace and log mappings. */
final class OtlpFields {

    static final int TRACE_ID_HEX_DIGITS = 32;
    static final int SPAN_ID_HEX_DIGITS = 16;
    static final Set<String> SERVICE_ATTRIBUTES = Set.of("service.name", "service.namespace", "k8s.namespace.name");

    private static final HexFormat HEX = HexFormat.of();
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private OtlpFields() {
    }

    /** The path of element {@code index} of the array at {@code arrayPath}. */
    static String elementPath(String arrayPath, int index) {
        return arrayPath + "[" + index + "]";
    }

    /**
     * The service a resource's {@link #SERVICE_ATTRIBUTES} name: {@link ServiceRef#UNKNOWN} without a
     * {@code service.name} (as OTel SDKs default), in {@code service.namespace}, else {@code k8s.namespace.name}.
     */
    static ServiceRef service(List<KeyValue> resourceAttributes) throws FieldProblem {
        Map<String, String> attributes = stringAttributes(resourceAttributes, SERVICE_ATTRIBUTES);
        String name = attributes.get("service.name");
        if (name == null || name.isBlank()) {
            return ServiceRef.UNKNOWN;
        }
        String namespace = attributes.get("service.namespace");
        return new ServiceRef(name, namespace != null ? namespace : attributes.get("k8s.namespace.name"));
    }

    /** The string values of the wanted keys; a wanted key whose value is not a storable string is a problem. */
    static Map<String, String> stringAttributes(List<KeyValue> attributes, Set<String> wanted) throws FieldProblem {
        Map<String, String> found = new HashMap<>();
        for (KeyValue attribute : attributes) {
            if (wanted.contains(attribute.getKey())) {
                if (!attribute.getValue().hasStringValue()) {
                    throw new FieldProblem("[" + attribute.getKey() + "]", "not a stringValue");
                }
                found.put(attribute.getKey(), storable(attribute.getValue().getStringValue(), "[" + attribute.getKey() + "]"));
            }
        }
        return found;
    }

    /**
     * {@code text}, unless PostgreSQL cannot store it: a record with a NUL is rejected at the field (rather than stored
     * altered), so the client learns which record did not arrive.
     */
    static String storable(String text, String subPath) throws FieldProblem {
        if (!StorableValues.isStorable(text)) {
            throw new FieldProblem(subPath, StorableValues.NUL_PROBLEM);
        }
        return text;
    }

    /** A {@code fixed64} time in Unix nanoseconds; beyond 2262 (the signed 64-bit range) it is out of range. */
    static long unixNano(long fixed64) throws FieldProblem {
        if (fixed64 < 0) {
            throw new FieldProblem("out of range: " + Long.toUnsignedString(fixed64));
        }
        return fixed64;
    }

    /** A trace or span id of {@code hexDigits} as lower-case hex, as the JSON mapping writes it; null when empty. */
    static String id(ByteString bytes, int hexDigits) throws FieldProblem {
        if (bytes.isEmpty()) {
            return null;
        }
        if (bytes.size() * 2 != hexDigits) {
            throw new FieldProblem("not " + hexDigits / 2 + " bytes: " + bytes.size());
        }
        // By hand rather than HexFormat over a copy of the bytes: ids are most of a span's decoding.
        char[] hex = new char[hexDigits];
        boolean zero = true;
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xff;
            zero &= b == 0;
            hex[2 * i] = HEX_DIGITS[b >>> 4];
            hex[2 * i + 1] = HEX_DIGITS[b & 0xf];
        }
        if (zero) {
            throw new FieldProblem("all-zero id is invalid");
        }
        return new String(hex);
    }

    /**
     * The bytes of an id in the OTLP JSON mapping's hex (either case): {@code digits} hex digits; empty for the empty
     * string, which means "no id".
     */
    static byte[] hexIdBytes(String text, int digits) throws FieldProblem {
        if (text.isEmpty()) {
            return new byte[0];
        }
        if (text.length() != digits) {
            throw new FieldProblem("not " + digits + " hex digits: '" + text + "'");
        }
        for (int i = 0; i < digits; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new FieldProblem("not " + digits + " hex digits: '" + text + "'");
            }
        }
        return HEX.parseHex(text);
    }
}
