/**
 * Experiment files: YAML read with locations, {@code --set} overrides, defaults filled from the
 * experiment's schema, values checked, and sweeps expanded into points. May use {@code base} and
 * the experiment contract.
 */
package org.mnist1d.workbench.config;
