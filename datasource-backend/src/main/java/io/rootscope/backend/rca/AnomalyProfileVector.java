package io.rootscope.backend.rca;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A diagnosis's anomaly profile as a fixed-size vector for pgvector: each (service, metric type) contribution is
 * added at a hashed position (feature hashing), and the vector is L2-normalised so cosine distance compares shapes.
 * Two incidents are near when the same services were anomalous in the same metric types.
 */
public final class AnomalyProfileVector {

    private AnomalyProfileVector() {
    }

    /** @param contributions service → metric type → contribution, as in a diagnosis's explanation */
    public static float[] of(Map<String, Map<String, Double>> contributions, int dimension) {
        float[] vector = new float[dimension];
        contributions.forEach((service, byType) -> byType.forEach((type, value) -> {
            if (Double.isFinite(value)) {
                vector[bucket(service + "|" + type, dimension)] += value.floatValue();
            }
        }));
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dimension; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }

    /** pgvector's text form, e.g. {@code [0.5,0,0.25]}. */
    public static String text(float[] vector) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    private static int bucket(String feature, int dimension) {
        CRC32 crc = new CRC32();
        crc.update(feature.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % dimension);
    }
}
