package org.mnist1d.workbench.probe;

/** A differentiable function of a vector, for {@link Lbfgs}. */
@FunctionalInterface
public interface Objective {

  /** Returns f(x) and writes its gradient into {@code gradient} (same length as x). */
  double valueAndGradient(double[] x, double[] gradient);
}
