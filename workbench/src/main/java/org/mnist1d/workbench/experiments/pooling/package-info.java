/**
 * {@code pooling}: convolutional classifiers that downsample by striding or by max, average or L2
 * pooling, trained on growing training sets (the benchmark-pooling notebook). May use {@code base},
 * {@code bench}, {@code figures}, {@code nn}, {@code train} and the experiment contract.
 */
package org.mnist1d.workbench.experiments.pooling;
