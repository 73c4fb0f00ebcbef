package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/**
 * Adam with bias correction, as in PyTorch: {@code m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2;
 * theta <- theta - lr mhat / (sqrt(vhat) + eps)}, with m and v from zero.
 */
public record InnerAdam(double beta1, double beta2, double eps) implements InnerOptimizer {
  /** PyTorch's defaults: 0.9, 0.999, 1e-8. */
  public static InnerAdam defaults() {
    return new InnerAdam(0.9, 0.999, 1e-8);
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public NDList initialState(NDArray theta, Scalars c) {
    return new NDList(theta.zerosLike(), theta.zerosLike());
  }

  @Override
  public NDList step(NDArray theta, NDArray grad, NDList state, NDArray lr, int t, Scalars c) {
    NDArray m = state.get(0).mul(c.of(beta1)).add(grad.mul(c.of(1 - beta1)));
    NDArray v = state.get(1).mul(c.of(beta2)).add(grad.square().mul(c.of(1 - beta2)));
    double correction1 = 1 - Math.pow(beta1, t + 1);
    double correction2 = 1 - Math.pow(beta2, t + 1);
    NDArray mHat = m.mul(c.of(1 / correction1));
    NDArray vHat = v.mul(c.of(1 / correction2));
    NDArray update = mHat.div(vHat.sqrt().add(c.of(eps))).mul(lr);
    return new NDList(theta.sub(update), m, v);
  }
}
