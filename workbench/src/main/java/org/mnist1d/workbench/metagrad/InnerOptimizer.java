package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/**
 * A differentiable inner optimiser: one update written as NDArray operations of the parameters, the
 * gradient, the optimiser state and the learning rate, so that it can be recomputed and
 * differentiated in the reverse pass.
 */
public interface InnerOptimizer {
  /** A name for configs and reports. */
  String name();

  /** The state before the first step, shaped after {@code theta} (empty for plain SGD). */
  NDList initialState(NDArray theta, Scalars c);

  /**
   * One update at step {@code t}: {@code [theta', state'...]}.
   *
   * @param lr the learning rate, a 0-d array or one broadcastable to {@code theta}
   */
  NDList step(NDArray theta, NDArray grad, NDList state, NDArray lr, int t, Scalars c);
}
