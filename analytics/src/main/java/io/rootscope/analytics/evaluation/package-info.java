/**
 * Evaluation of root-cause methods against ground truth, kept apart from the methods: case-directory reader, AC@k and
 * Avg@k, the evaluation CLI, the benchmark and synthetic data.
 */
package io.rootscope.analytics.evaluation;
