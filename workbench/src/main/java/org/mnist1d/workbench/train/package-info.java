/**
 * Ordinary training: in-order mini-batches, one autograd backward per step, and the fused in-place
 * optimiser updates ({@link org.mnist1d.workbench.train.FusedAdam}, {@link
 * org.mnist1d.workbench.train.FusedSgd}); evaluation; the training-step bench workloads. May use
 * {@code base}, {@code bench} and {@code nn}.
 */
package org.mnist1d.workbench.train;
