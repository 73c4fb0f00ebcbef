/**
 * One run and its directory: resolved config, environment, append-only metrics, atomic summary and
 * checkpoints, resume, Ctrl-C handling, the default report. Implements the experiment contract's
 * {@link org.mnist1d.workbench.experiment.RunContext}; finds experiments by name, never by import.
 * May use {@code base}, {@code nn}, {@code config}, {@code report} and the contract.
 */
package org.mnist1d.workbench.run;
