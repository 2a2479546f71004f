package io.rootscope.backend.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.util.PGobject;

/** Conversions between Java values and AGE's agtype. */
final class Agtype {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Agtype() {
    }

    /** A cypher() parameter map: AGE requires a bare parameter of type agtype (a cast expression is refused). */
    static PGobject parameters(Map<String, ?> params) throws SQLException {
        PGobject value = new PGobject();
        value.setType("ag_catalog.agtype");
        value.setValue(text(params));
        return value;
    }

    /** An agtype map as text, for SQL that casts it ({@code ::ag_catalog.agtype}) outside cypher(). */
    static String text(Map<String, ?> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("graph parameters are not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    /** An agtype scalar, map or list as JSON (AGE prints them as JSON, with a ::vertex/::edge suffix on entities). */
    static JsonNode parse(String agtype) throws SQLException {
        try {
            return JSON.readTree(agtype);
        } catch (JsonProcessingException e) {
            throw new SQLException("unexpected agtype value: " + agtype, e);
        }
    }
}
