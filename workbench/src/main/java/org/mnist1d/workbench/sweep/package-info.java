/**
 * Sweeps: an experiment file's points run one after another, then its report over those runs. May
 * use {@code base}, {@code config}, {@code report}, {@code run} and the experiment contract.
 */
package org.mnist1d.workbench.sweep;
