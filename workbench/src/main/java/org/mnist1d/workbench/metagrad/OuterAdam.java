package org.mnist1d.workbench.metagrad;

import java.util.ArrayList;
import java.util.List;

/** Outer Adam: {@code m, v} moving averages with bias correction, as in PyTorch. */
final class OuterAdam implements OuterOptimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private double[][] m;
  private double[][] v;
  private int t;

  OuterAdam(double lr, double beta1, double beta2, double eps) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  @Override
  public void step(double[][] params, double[][] grads) {
    if (m == null) {
      m = OuterSgd.zerosLike(params);
      v = OuterSgd.zerosLike(params);
    }
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        double g = grads[i][j];
        m[i][j] = beta1 * m[i][j] + (1 - beta1) * g;
        v[i][j] = beta2 * v[i][j] + (1 - beta2) * g * g;
        params[i][j] -= lr * (m[i][j] / c1) / (Math.sqrt(v[i][j] / c2) + eps);
      }
    }
  }

  /** Layout: {@code [t], m[0..n), v[0..n)}. */
  @Override
  public double[][] state() {
    if (m == null) {
      return new double[0][];
    }
    double[][] s = new double[1 + 2 * m.length][];
    s[0] = new double[] {t};
    for (int i = 0; i < m.length; i++) {
      s[1 + i] = m[i].clone();
      s[1 + m.length + i] = v[i].clone();
    }
    return s;
  }

  @Override
  public void restore(double[][] state) {
    if (state.length == 0) {
      m = null;
      v = null;
      t = 0;
      return;
    }
    int n = (state.length - 1) / 2;
    t = (int) state[0][0];
    m = new double[n][];
    v = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = state[1 + i].clone();
      v[i] = state[1 + n + i].clone();
    }
  }

  @Override
  public List<String> stateNames(List<String> hyperNames) {
    List<String> names = new ArrayList<>();
    names.add("adam.step");
    hyperNames.forEach(n -> names.add("adam.m." + n));
    hyperNames.forEach(n -> names.add("adam.v." + n));
    return names;
  }
}
