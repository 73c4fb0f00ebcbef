package org.mnist1d.workbench.probe;

/**
 * A line search for a step satisfying the strong Wolfe conditions {@code f(x + a d) <= f(x) + c1 a
 * g.d} and {@code |g(x + a d).d| <= c2 |g.d|}: bracketing by doubling, then zooming with
 * safeguarded cubic interpolation (Nocedal and Wright, Numerical Optimization, algorithms 3.5 and
 * 3.6).
 *
 * <p>Near a minimum the decrease a step can make falls below the rounding error of f, and the
 * sufficient-decrease test then fails by chance. So a step whose f is within {@code ROUNDING *
 * |f(x)|} of f(x) and which satisfies the curvature condition is accepted too (the "approximate
 * Wolfe" idea of Hager and Zhang): the gradient still carries information when f no longer does,
 * which lets tight tolerances be reached.
 */
record WolfeLineSearch(double c1, double c2, int maxEvaluations) {

  /** Relative change of f taken as rounding noise; far above the ~1e-15 of a sum of logs. */
  static final double ROUNDING = 1e-12;

  /** scipy's L-BFGS-B constants: {@code ftol=1e-3}, {@code gtol=0.9}, at most 20 evaluations. */
  static WolfeLineSearch scipy() {
    return new WolfeLineSearch(1e-3, 0.9, 20);
  }

  /**
   * The outcome: the step length (0 when nothing acceptable was found), f there, the number of
   * evaluations spent, and whether the strong Wolfe conditions hold there. When {@code wolfe} is
   * false but {@code step > 0}, the step still decreases f sufficiently (Armijo) and {@code xOut},
   * {@code gOut} hold that point.
   */
  record Step(double step, double value, int evaluations, boolean wolfe) {}

  /**
   * Searches along the descent direction {@code d} from {@code x} (value {@code fx}, gradient
   * {@code gx}), starting with {@code initial}. Writes the accepted point and its gradient into
   * {@code xOut} and {@code gOut}.
   */
  Step search(
      Objective f,
      double[] x,
      double fx,
      double[] gx,
      double[] d,
      double initial,
      double[] xOut,
      double[] gOut) {
    double slope0 = dot(gx, d);
    if (!(slope0 < 0)) {
      throw new IllegalArgumentException("not a descent direction: g.d = " + slope0);
    }
    Probe p = new Probe(f, x, d, xOut, gOut);
    double aPrev = 0;
    double fPrev = fx;
    double sPrev = slope0;
    double a = initial;
    while (p.evaluations < maxEvaluations) {
      p.at(a);
      if (p.value > fx + c1 * a * slope0 || (p.evaluations > 1 && p.value >= fPrev)) {
        if (approximatelyWolfe(p, fx, slope0)) {
          return new Step(a, p.value, p.evaluations, true);
        }
        return zoom(p, fx, slope0, aPrev, fPrev, sPrev, a, p.value, p.slope);
      }
      if (Math.abs(p.slope) <= -c2 * slope0) {
        return new Step(a, p.value, p.evaluations, true);
      }
      if (p.slope >= 0) {
        return zoom(p, fx, slope0, a, p.value, p.slope, aPrev, fPrev, sPrev);
      }
      // Still descending steeply at a: the minimiser along d lies further out.
      aPrev = a;
      fPrev = p.value;
      sPrev = p.slope;
      a *= 2;
    }
    return fallBack(p, aPrev, fPrev, fx);
  }

  /**
   * Shrinks the bracket [lo, hi] (lo: the lower f of the two, sufficient decrease) to a Wolfe step.
   */
  private Step zoom(
      Probe p,
      double f0,
      double slope0,
      double lo,
      double fLo,
      double sLo,
      double hi,
      double fHi,
      double sHi) {
    while (p.evaluations < maxEvaluations) {
      double a = cubicMinimiser(lo, fLo, sLo, hi, fHi, sHi);
      double left = Math.min(lo, hi);
      double width = Math.abs(hi - lo);
      // Keep the trial point away from the bracket's ends so the bracket shrinks geometrically.
      if (!(a >= left + 0.1 * width && a <= left + 0.9 * width)) {
        a = 0.5 * (lo + hi);
      }
      if (a == lo || a == hi) {
        break; // the bracket has collapsed to adjacent floating-point numbers
      }
      p.at(a);
      if (p.value > f0 + c1 * a * slope0 || p.value >= fLo) {
        if (approximatelyWolfe(p, f0, slope0)) {
          return new Step(a, p.value, p.evaluations, true);
        }
        hi = a;
        fHi = p.value;
        sHi = p.slope;
      } else {
        if (Math.abs(p.slope) <= -c2 * slope0) {
          return new Step(a, p.value, p.evaluations, true);
        }
        if (p.slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          sHi = sLo;
        }
        lo = a;
        fLo = p.value;
        sLo = p.slope;
      }
    }
    return fallBack(p, lo, fLo, f0);
  }

  /** f at the trial is level with f0 to rounding, and the slope has flattened enough. */
  private boolean approximatelyWolfe(Probe p, double f0, double slope0) {
    return p.value <= f0 + ROUNDING * Math.abs(f0) && Math.abs(p.slope) <= -c2 * slope0;
  }

  /** Out of evaluations: settle for the best sufficient-decrease point, if any, without Wolfe. */
  private static Step fallBack(Probe p, double lo, double fLo, double f0) {
    if (lo > 0 && fLo < f0) {
      if (p.step != lo) {
        p.at(lo);
      }
      return new Step(lo, p.value, p.evaluations, false);
    }
    return new Step(0, f0, p.evaluations, false);
  }

  /**
   * The minimiser of the cubic matching f and its slope at a and b (Nocedal and Wright eq. 3.59);
   * NaN when the cubic has no minimiser.
   */
  static double cubicMinimiser(double a, double fa, double sa, double b, double fb, double sb) {
    double d1 = sa + sb - 3 * (fa - fb) / (a - b);
    double disc = d1 * d1 - sa * sb;
    if (disc < 0) {
      return Double.NaN;
    }
    double d2 = Math.copySign(Math.sqrt(disc), b - a);
    return b - (b - a) * (sb + d2 - d1) / (sb - sa + 2 * d2);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * f and its slope along d at trial steps; the last trial's point and gradient stay in the
   * buffers.
   */
  private static final class Probe {
    final Objective f;
    final double[] x;
    final double[] d;
    final double[] xOut;
    final double[] gOut;
    int evaluations;
    double step = Double.NaN;
    double value;
    double slope;

    Probe(Objective f, double[] x, double[] d, double[] xOut, double[] gOut) {
      this.f = f;
      this.x = x;
      this.d = d;
      this.xOut = xOut;
      this.gOut = gOut;
    }

    void at(double a) {
      for (int i = 0; i < x.length; i++) {
        xOut[i] = x[i] + a * d[i];
      }
      double v = f.valueAndGradient(xOut, gOut);
      evaluations++;
      step = a;
      // An overflowing trial counts as "too far": +infinity fails the decrease test.
      value = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
      slope = dot(gOut, d);
      if (Double.isNaN(slope)) {
        slope = Double.POSITIVE_INFINITY;
      }
    }
  }
}
