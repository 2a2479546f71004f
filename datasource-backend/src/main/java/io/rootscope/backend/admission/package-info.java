/**
 * The one budget of requests being received at once, and of the bytes their bodies hold, that every protocol's entry
 * draws from ({@link io.rootscope.backend.admission.RequestBudget}): {@code http}'s body gate and {@code otlpgrpc}'s
 * export gate share one instance, so a client using both protocols gets no more than either bound. Support: uses no
 * backend package.
 */
package io.rootscope.backend.admission;
