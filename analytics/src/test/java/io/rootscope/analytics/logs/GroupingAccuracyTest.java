package io.rootscope.analytics.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

    @Test
    void perfectGroupingUnderOtherLabelsScoresOne() {
        assertEquals(1.0, GroupingAccuracy.of(new int[] {0, 0, 1, 2}, new long[] {9, 9, 7, 5}));
    }

    @Test
    void mergingTwoTemplatesMakesAllTheirLinesWrong() {
        assertEquals(0.25, GroupingAccuracy.of(new int[] {0, 0, 1, 2}, new long[] {9, 9, 9, 5}));
    }

    @Test
    void splittingATemplateMakesAllItsLinesWrong() {
        assertEquals(0.4, GroupingAccuracy.of(new int[] {0, 0, 0, 1, 2}, new long[] {9, 9, 8, 7, 5}), 1e-12);
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> GroupingAccuracy.of(new int[] {0}, new long[] {}));
        assertThrows(IllegalArgumentException.class, () -> GroupingAccuracy.of(new int[] {}, new long[] {}));
    }
}
