/**
 * Root-cause analysis: the input model ({@link io.rootscope.analytics.rca.DiagnosisWindow}, metric types and the
 * metric-name mapping), the contract every method implements ({@link io.rootscope.analytics.rca.RootCauseMethod}) and
 * its result ({@link io.rootscope.analytics.rca.Diagnosis} with its {@link io.rootscope.analytics.rca.Explanation}),
 * all plain data for the backend.
 */
package io.rootscope.analytics.rca;
