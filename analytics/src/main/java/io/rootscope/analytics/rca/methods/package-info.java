/** Selection of root-cause methods by name with string parameters, for the CLI and the backend. */
package io.rootscope.analytics.rca.methods;
