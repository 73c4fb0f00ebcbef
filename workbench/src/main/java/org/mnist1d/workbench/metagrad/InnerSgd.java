package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/** Plain SGD: {@code theta <- theta - lr * g}. */
public record InnerSgd() implements InnerOptimizer {
  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public NDList initialState(NDArray theta, Scalars c) {
    return new NDList();
  }

  @Override
  public NDList step(NDArray theta, NDArray grad, NDList state, NDArray lr, int t, Scalars c) {
    return new NDList(theta.sub(grad.mul(lr)));
  }
}
