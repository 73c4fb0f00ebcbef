package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * An ordinary (not differentiated) optimiser: updates the parameters in place from their gradients,
 * outside autograd. Its state can be saved and restored for checkpoints.
 */
public interface FusedOptimizer {
  /**
   * Updates {@code params} in place for step {@code t} (0-based) from {@code grads}, which it may
   * overwrite (the caller drops them afterwards).
   */
  void update(NDList params, NDList grads, int t);

  /**
   * Copies of the optimiser's state arrays (for checkpoints), in a fixed order, on its manager: the
   * caller closes them.
   */
  NDList state();

  /**
   * A name for each array of a non-empty {@link #state()}, given the parameters' names ({@code
   * adam.m.w1}, ...), so that checkpoints say what each array is.
   */
  List<String> stateNames(List<String> parameterNames);

  /**
   * Replaces the state (a resumed run) with {@code state}, arrays as {@link #state()} gave them (of
   * any floating type; left to the caller), kept in the parameters' {@code type}.
   */
  void restore(NDList state, DataType type);
}
