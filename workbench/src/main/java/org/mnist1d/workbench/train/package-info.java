/**
 * Ordinary training: in-order mini-batches, the parameters as one flat vector with a fresh autograd
 * leaf per step ({@link org.mnist1d.workbench.train.FlatParameters}), one backward per step, and
 * the in-place optimiser updates ({@link org.mnist1d.workbench.train.FusedAdam}, {@link
 * org.mnist1d.workbench.train.FusedSgd}); evaluation; the training-step bench workloads. May use
 * {@code base}, {@code bench} and {@code nn}.
 */
package org.mnist1d.workbench.train;
