/**
 * {@code classification} and {@code quickstart}: the paper's four classifiers trained on MNIST-1D,
 * on normal and shuffled positions (the benchmark table).
 */
package org.mnist1d.workbench.experiments.classification;
