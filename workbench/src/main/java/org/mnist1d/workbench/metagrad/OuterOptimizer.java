package org.mnist1d.workbench.metagrad;

import java.util.List;

/**
 * An outer (meta) optimiser: updates the hyperparameters from their metagradient. Plain Java on
 * small arrays (the hyperparameters are few), so no autograd and no NDArray traps here.
 */
public interface OuterOptimizer {
  /** Updates {@code params} in place from {@code grads} (same shapes). */
  void step(double[][] params, double[][] grads);

  /** The optimiser's state as arrays, for checkpoints. */
  double[][] state();

  /** Restores a state returned by {@link #state()}. */
  void restore(double[][] state);

  /**
   * A name for each array of a non-empty {@link #state()}, given the hyperparameters' names (for
   * checkpoints: {@code velocity.lr}, {@code adam.m.activation}, ...).
   */
  List<String> stateNames(List<String> hyperNames);

  /** SGD with momentum, as in the reference and PyTorch: {@code v <- mu v + g; p <- p - lr v}. */
  static OuterOptimizer sgd(double lr, double momentum) {
    return new OuterSgd(lr, momentum);
  }

  /** Adam with bias correction. */
  static OuterOptimizer adam(double lr, double beta1, double beta2, double eps) {
    return new OuterAdam(lr, beta1, beta2, eps);
  }

  /** Clamps each metagradient element to {@code [-limit, limit]} before {@code inner} uses it. */
  static OuterOptimizer clamped(double limit, OuterOptimizer inner) {
    return new OuterOptimizer() {
      @Override
      public void step(double[][] params, double[][] grads) {
        double[][] clipped = new double[grads.length][];
        for (int i = 0; i < grads.length; i++) {
          clipped[i] = new double[grads[i].length];
          for (int j = 0; j < grads[i].length; j++) {
            clipped[i][j] = Math.max(-limit, Math.min(limit, grads[i][j]));
          }
        }
        inner.step(params, clipped);
      }

      @Override
      public double[][] state() {
        return inner.state();
      }

      @Override
      public void restore(double[][] state) {
        inner.restore(state);
      }

      @Override
      public List<String> stateNames(List<String> hyperNames) {
        return inner.stateNames(hyperNames);
      }
    };
  }
}
