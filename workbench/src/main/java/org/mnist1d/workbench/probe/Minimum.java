package org.mnist1d.workbench.probe;

/**
 * Where {@link Lbfgs} stopped: the point, its value and gradient, the number of iterations
 * (accepted steps) and of function evaluations, and why it stopped.
 */
public record Minimum(
    double[] x, double value, double[] gradient, int iterations, int evaluations, Stop stop) {

  /** Why the minimiser stopped. */
  public enum Stop {
    /** The largest gradient component fell to the tolerance. */
    GRADIENT,
    /** One step reduced f by at most the relative tolerance (scipy's {@code ftol} rule). */
    RELATIVE_REDUCTION,
    /** The iteration limit was reached first. */
    MAX_ITERATIONS,
    /** No step along steepest descent satisfied the Wolfe conditions (f is flat to rounding). */
    LINE_SEARCH_FAILED
  }

  /**
   * Whether a convergence test stopped it, as scipy reports success (and scikit-learn does not
   * warn) for both the gradient and the relative-reduction rule.
   */
  public boolean converged() {
    return stop == Stop.GRADIENT || stop == Stop.RELATIVE_REDUCTION;
  }

  /** The largest absolute gradient component. */
  public double gradientMaxNorm() {
    double m = 0;
    for (double g : gradient) {
      m = Math.max(m, Math.abs(g));
    }
    return m;
  }
}
