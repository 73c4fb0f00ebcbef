package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/** SGD with momentum as in PyTorch: {@code v <- beta v + g; theta <- theta - lr v}, v from zero. */
public record InnerMomentum(double beta) implements InnerOptimizer {
  @Override
  public String name() {
    return "momentum";
  }

  @Override
  public NDList initialState(NDArray theta, Scalars c) {
    return new NDList(theta.zerosLike());
  }

  @Override
  public NDList step(NDArray theta, NDArray grad, NDList state, NDArray lr, int t, Scalars c) {
    NDArray v = state.get(0).mul(c.of(beta)).add(grad);
    return new NDList(theta.sub(v.mul(lr)), v);
  }
}
