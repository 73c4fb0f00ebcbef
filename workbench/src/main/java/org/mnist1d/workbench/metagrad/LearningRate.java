package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/**
 * Where the inner optimiser's learning rate at step {@code t} comes from: a fixed number, or a
 * hyperparameter leaf (one scalar, or one value per step).
 *
 * <p>Per-layer rates would be one more case: a slot of one value per layer, expanded with {@code
 * repeat} to the flat parameter layout.
 */
public interface LearningRate {
  /** The learning rate of step {@code t} as an array (0-d or broadcastable to the parameters). */
  NDArray at(NDList hyper, int t, Scalars c);

  /** A fixed rate. */
  static LearningRate fixed(double value) {
    return (hyper, t, c) -> c.of(value);
  }

  /** A learned scalar rate: hyperparameter {@code slot}, a vector of one element. */
  static LearningRate learned(int slot) {
    return (hyper, t, c) -> hyper.get(slot);
  }

  /** A learned rate per step: hyperparameter {@code slot}, a vector with one element per step. */
  static LearningRate perStep(int slot) {
    return (hyper, t, c) -> hyper.get(slot).get(t);
  }
}
