package org.mnist1d.workbench.probe;

/**
 * The limited-memory BFGS minimiser (Nocedal and Wright, Numerical Optimization, algorithm 7.5):
 * the two-loop recursion over the last {@code memory} step and gradient-change pairs, initial
 * inverse Hessian {@code (s.y / y.y) I}, and a strong Wolfe line search with scipy L-BFGS-B's
 * constants. The very first step is along {@code -g} with length {@code 1/||g||}, as L-BFGS-B.
 *
 * <p>Stopping rules, checked after every accepted step in scipy's order (and the gradient rule also
 * at the start point):
 *
 * <ol>
 *   <li>{@code max_i |g_i| <= gradientTolerance}: scipy's {@code pgtol} for an unbounded problem,
 *       which is what scikit-learn's {@code tol} becomes;
 *   <li>{@code (f_old - f_new) / max(|f_old|, |f_new|, 1) <= relativeReductionTolerance}: scipy's
 *       {@code ftol} ({@code factr * eps}); 0 switches it off;
 *   <li>{@code maxIterations} accepted steps: not converged.
 * </ol>
 */
public record Lbfgs(
    int memory, double gradientTolerance, double relativeReductionTolerance, int maxIterations) {

  /** scipy's default {@code ftol} for {@code minimize(method='L-BFGS-B')}: {@code 1e7 * eps}. */
  public static final double SCIPY_FTOL = 2.220446049250313e-09;

  /**
   * As scikit-learn calls scipy: memory 10, {@code gtol=tol}, default {@code ftol}, {@code
   * maxiter}.
   */
  public static Lbfgs scipy(double tol, int maxIterations) {
    return new Lbfgs(10, tol, SCIPY_FTOL, maxIterations);
  }

  public Lbfgs {
    if (memory < 1
        || maxIterations < 0
        || !(gradientTolerance >= 0)
        || !(relativeReductionTolerance >= 0)) {
      throw new IllegalArgumentException(
          "bad L-BFGS settings: "
              + memory
              + ", "
              + gradientTolerance
              + ", "
              + relativeReductionTolerance
              + ", "
              + maxIterations);
    }
  }

  /** Minimises {@code f} from {@code x0} (not modified). */
  public Minimum minimize(Objective f, double[] x0) {
    int n = x0.length;
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      throw new IllegalArgumentException("f(x0) is not finite: " + fx);
    }
    if (maxAbs(g) <= gradientTolerance) {
      return new Minimum(x, fx, g, 0, evaluations, Minimum.Stop.GRADIENT);
    }
    WolfeLineSearch lineSearch = WolfeLineSearch.scipy();
    // Ring buffers of the last `memory` pairs s = x_new - x, y = g_new - g, and 1 / (s.y).
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    int iterations = 0;
    while (true) {
      if (iterations >= maxIterations) {
        return new Minimum(x, fx, g, iterations, evaluations, Minimum.Stop.MAX_ITERATIONS);
      }
      direction(g, s, y, rho, alpha, stored, newest, d);
      double initial = 1.0;
      if (stored == 0) {
        // Without curvature information -g carries no step scale; like L-BFGS-B, try a step
        // of length 1 (first iteration, and after the memory is reset).
        initial = 1.0 / Math.sqrt(WolfeLineSearch.dot(g, g));
      }
      if (!(WolfeLineSearch.dot(g, d) < 0)) {
        if (stored == 0) { // -g itself is no descent direction: g is zero or not finite
          return new Minimum(x, fx, g, iterations, evaluations, Minimum.Stop.LINE_SEARCH_FAILED);
        }
        stored = 0; // rounding made the quasi-Newton direction useless: forget the memory
        continue;
      }
      WolfeLineSearch.Step step = lineSearch.search(f, x, fx, g, d, initial, xNew, gNew);
      evaluations += step.evaluations();
      if (step.step() == 0) {
        if (stored > 0) {
          stored = 0; // as L-BFGS-B: retry once along steepest descent before giving up
          continue;
        }
        return new Minimum(x, fx, g, iterations, evaluations, Minimum.Stop.LINE_SEARCH_FAILED);
      }
      iterations++;
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        double si = xNew[i] - x[i];
        double yi = gNew[i] - g[i];
        sy += si * yi;
        yy += yi * yi;
      }
      // Keep the pair only with clearly positive curvature, so the implied inverse Hessian stays
      // positive definite.
      if (sy > Math.ulp(1.0) * yy) {
        newest = (newest + 1) % memory;
        for (int i = 0; i < n; i++) {
          s[newest][i] = xNew[i] - x[i];
          y[newest][i] = gNew[i] - g[i];
        }
        rho[newest] = 1.0 / sy;
        stored = Math.min(stored + 1, memory);
      }
      double fOld = fx;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = step.value();
      if (maxAbs(g) <= gradientTolerance) {
        return new Minimum(x, fx, g, iterations, evaluations, Minimum.Stop.GRADIENT);
      }
      if (relativeReductionTolerance > 0
          && fOld - fx
              <= relativeReductionTolerance
                  * Math.max(Math.max(Math.abs(fOld), Math.abs(fx)), 1.0)) {
        return new Minimum(x, fx, g, iterations, evaluations, Minimum.Stop.RELATIVE_REDUCTION);
      }
    }
  }

  /** d = -H g by the two-loop recursion over the stored pairs, newest first then oldest first. */
  private static void direction(
      double[] g,
      double[][] s,
      double[][] y,
      double[] rho,
      double[] alpha,
      int stored,
      int newest,
      double[] d) {
    int n = g.length;
    int memory = s.length;
    for (int i = 0; i < n; i++) {
      d[i] = -g[i];
    }
    if (stored == 0) {
      return;
    }
    for (int m = 0; m < stored; m++) {
      int j = (newest - m + memory) % memory;
      double a = rho[j] * WolfeLineSearch.dot(s[j], d);
      alpha[j] = a;
      double[] yj = y[j];
      for (int i = 0; i < n; i++) {
        d[i] -= a * yj[i];
      }
    }
    // Scale by s.y / y.y of the newest pair: the usual estimate of the inverse Hessian's size.
    double[] yn = y[newest];
    double gamma = 1.0 / (rho[newest] * WolfeLineSearch.dot(yn, yn));
    for (int i = 0; i < n; i++) {
      d[i] *= gamma;
    }
    for (int m = stored - 1; m >= 0; m--) {
      int j = (newest - m + memory) % memory;
      double b = rho[j] * WolfeLineSearch.dot(y[j], d);
      double coef = alpha[j] - b;
      double[] sj = s[j];
      for (int i = 0; i < n; i++) {
        d[i] += coef * sj[i];
      }
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }
}
