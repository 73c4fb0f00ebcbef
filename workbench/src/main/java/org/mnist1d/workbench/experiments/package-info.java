/**
 * The experiments, one package each: its config schema and run logic (an {@link
 * org.mnist1d.workbench.experiment.Experiment}), its default report (a YAML resource beside it),
 * its charts and its bench workloads. Adding one is a new package here plus its line in {@code
 * META-INF/services/org.mnist1d.workbench.experiment.Experiment}; experiments never use each other.
 * They may use {@code base}, {@code bench}, {@code figures}, {@code embedding}, {@code idx}, {@code
 * nn}, {@code train}, {@code metagrad}, {@code probe} and the experiment contract.
 */
package org.mnist1d.workbench.experiments;
