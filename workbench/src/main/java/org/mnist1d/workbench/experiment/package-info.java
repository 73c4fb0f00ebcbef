/**
 * The contract between an experiment and the workbench: {@link
 * org.mnist1d.workbench.experiment.Experiment} (schema, run, default report), what a run offers it
 * ({@link org.mnist1d.workbench.experiment.RunContext}: config, data, metrics, checkpoints,
 * results, progress), the resolved {@link org.mnist1d.workbench.experiment.Config} with its errors,
 * and the registry that finds experiments with {@link java.util.ServiceLoader}. May use {@code
 * base} and the dataset library.
 */
package org.mnist1d.workbench.experiment;
