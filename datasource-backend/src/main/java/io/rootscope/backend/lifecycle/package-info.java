/**
 * The retention and rollup jobs TimescaleDB does not run itself (the Apache-only build), run on a schedule by
 * {@link io.rootscope.backend.lifecycle.LifecycleScheduler}. A service: may use storage and support.
 */
package io.rootscope.backend.lifecycle;
