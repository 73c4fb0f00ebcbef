/**
 * The metagradient engine: learners with explicit differentiable gradients, differentiable inner
 * optimisers ({@code InnerSgd}, {@code InnerMomentum}, {@code InnerRmsProp}, {@code InnerAdam}),
 * the unrolled {@link org.mnist1d.workbench.metagrad.InnerLoop}, exact metagradients by reverse
 * mode with recomputation ({@link org.mnist1d.workbench.metagrad.Metagradient}) or forward mode,
 * and the outer loop with its plain optimisers. Experiments that learn hyperparameters build on it.
 * May use {@code base} and {@code nn}.
 */
package org.mnist1d.workbench.metagrad;
