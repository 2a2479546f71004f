package io.rootscope.analytics.rca;

import java.util.List;
import java.util.OptionalInt;

/**
 * The result of a root-cause method: services ranked best first, with the explanation.
 *
 * @param method      name of the method that produced it
 * @param ranking     every candidate service, highest score first
 * @param explanation why
 */
public record Diagnosis(String method, List<RankedService> ranking, Explanation explanation) {

    public Diagnosis {
        ranking = List.copyOf(ranking);
    }

    /** 1-based rank of a service, empty when it was not ranked. */
    public OptionalInt rankOf(String service) {
        for (int i = 0; i < ranking.size(); i++) {
            if (ranking.get(i).service().equals(service)) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }
}
