/**
 * The backend's configuration: {@link io.rootscope.backend.config.BackendConfig} reads the {@code ROOTSCOPE_*} keys
 * (the environment over an optional file) into the settings records of each subsystem. Entry layer: used only by the
 * entry points of the root package; may use the settings of every layer below.
 */
package io.rootscope.backend.config;
