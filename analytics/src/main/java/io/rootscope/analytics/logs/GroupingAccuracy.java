package io.rootscope.analytics.logs;

import java.util.HashMap;
import java.util.Map;

/**
 * Grouping accuracy of a log parser, as defined by Zhu et al., "Tools and Benchmarks for Automated Log Parsing",
 * ICSE-SEIP 2019: a line counts as correctly grouped when the set of lines sharing its predicted group is
 * exactly the set of lines sharing its true template. The accuracy is the share of such lines; merging two
 * templates or splitting one both count every line involved as wrong.
 *
 * <p>Time O(n), memory O(number of groups).
 */
public final class GroupingAccuracy {

    private GroupingAccuracy() {
    }

    /**
     * @param trueTemplate   the true template of each line
     * @param predictedGroup the predicted group of each line (e.g. its template fingerprint), same length
     * @return the share of correctly grouped lines, in [0, 1]
     */
    public static double of(int[] trueTemplate, long[] predictedGroup) {
        if (trueTemplate.length != predictedGroup.length) {
            throw new IllegalArgumentException("label arrays differ in length: " + trueTemplate.length
                    + " true labels, " + predictedGroup.length + " predicted");
        }
        if (trueTemplate.length == 0) {
            throw new IllegalArgumentException("grouping accuracy of no lines is undefined");
        }
        Map<Integer, Integer> trueSize = new HashMap<>();
        Map<Long, Integer> predictedSize = new HashMap<>();
        Map<Long, Integer> predictedTemplate = new HashMap<>();
        for (int i = 0; i < trueTemplate.length; i++) {
            trueSize.merge(trueTemplate[i], 1, Integer::sum);
            predictedSize.merge(predictedGroup[i], 1, Integer::sum);
            // -1 marks a predicted group that mixes true templates.
            predictedTemplate.merge(predictedGroup[i], trueTemplate[i], (a, b) -> a.equals(b) ? a : -1);
        }
        int correct = 0;
        for (int i = 0; i < trueTemplate.length; i++) {
            long group = predictedGroup[i];
            if (predictedTemplate.get(group) == trueTemplate[i]
                    && predictedSize.get(group).equals(trueSize.get(trueTemplate[i]))) {
                correct++;
            }
        }
        return (double) correct / trueTemplate.length;
    }
}
