package org.mnist1d.workbench.metagrad;

import java.util.List;

/** Outer SGD with (optional) momentum: {@code v <- mu v + g; p <- p - lr v}. */
final class OuterSgd implements OuterOptimizer {
  private final double lr;
  private final double momentum;
  private double[][] velocity;

  OuterSgd(double lr, double momentum) {
    this.lr = lr;
    this.momentum = momentum;
  }

  @Override
  public void step(double[][] params, double[][] grads) {
    if (velocity == null) {
      velocity = zerosLike(params);
    }
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        velocity[i][j] = momentum * velocity[i][j] + grads[i][j];
        params[i][j] -= lr * velocity[i][j];
      }
    }
  }

  @Override
  public double[][] state() {
    return velocity == null ? new double[0][] : copy(velocity);
  }

  @Override
  public void restore(double[][] state) {
    velocity = state.length == 0 ? null : copy(state);
  }

  @Override
  public List<String> stateNames(List<String> hyperNames) {
    return hyperNames.stream().map(n -> "velocity." + n).toList();
  }

  static double[][] zerosLike(double[][] a) {
    double[][] z = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      z[i] = new double[a[i].length];
    }
    return z;
  }

  static double[][] copy(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }
}
