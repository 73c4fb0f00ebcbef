/**
 * Sweeps: an experiment file's points (all, or an {@code --only} selection) run one after another
 * here or in worker processes ({@code --jobs N}), then its report over their runs; each point's run
 * found again by its resolved config, for {@code --resume}, {@code status} and reports. May use
 * {@code base}, {@code config}, {@code report}, {@code run} and the experiment contract.
 */
package org.mnist1d.workbench.sweep;
