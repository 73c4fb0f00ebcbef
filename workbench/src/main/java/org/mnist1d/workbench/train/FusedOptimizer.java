package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDList;

/**
 * An ordinary (not differentiated) optimiser: updates the parameters in place from their gradients,
 * outside autograd, and clears the gradients for the next backward. Its state can be saved and
 * restored for checkpoints.
 */
public interface FusedOptimizer {
  /** Updates {@code params} in place for step {@code t} (0-based) and zeroes their gradients. */
  void update(NDList params, NDList grads, int t);

  /** The optimiser's state arrays (for checkpoints), in a fixed order. */
  NDList state();

  /** Replaces the state (a resumed run). */
  void restore(NDList state);
}
