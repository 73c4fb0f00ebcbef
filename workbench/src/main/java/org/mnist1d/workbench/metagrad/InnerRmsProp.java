package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/**
 * The published RMSProp-like update: {@code s <- decay s + (1 - decay) g^2; theta <- theta - lr g /
 * (sqrt(s) + eps)}, with {@code s} starting at {@code initial}.
 */
public record InnerRmsProp(double decay, double eps, double initial) implements InnerOptimizer {
  /** The activation experiment's setting: decay 0.4, eps 1e-8, s starting at ones. */
  public static InnerRmsProp published() {
    return new InnerRmsProp(0.4, 1e-8, 1.0);
  }

  @Override
  public String name() {
    return "rmsprop";
  }

  @Override
  public NDList initialState(NDArray theta, Scalars c) {
    return new NDList(theta.zerosLike().add(c.of(initial)));
  }

  @Override
  public NDList step(NDArray theta, NDArray grad, NDList state, NDArray lr, int t, Scalars c) {
    NDArray s = state.get(0).mul(c.of(decay)).add(grad.square().mul(c.of(1 - decay)));
    NDArray update = grad.div(s.sqrt().add(c.of(eps))).mul(lr);
    return new NDList(theta.sub(update), s);
  }
}
