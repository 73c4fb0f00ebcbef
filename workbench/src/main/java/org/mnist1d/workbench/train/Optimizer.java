package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDList;

/**
 * An ordinary (not differentiated) optimiser: new parameters from the old ones and their
 * gradients. Runs outside autograd; its state can be saved and restored for checkpoints.
 */
public interface Optimizer {
  /** The updated parameters for step {@code t} (0-based); the inputs are not modified. */
  NDList step(NDList params, NDList grads, int t);

  /** The optimiser's state arrays (for checkpoints), in a fixed order. */
  NDList state();

  /** Replaces the state (a resumed run). */
  void restore(NDList state);
}
