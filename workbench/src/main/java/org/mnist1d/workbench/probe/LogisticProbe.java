package org.mnist1d.workbench.probe;

/**
 * Fits multinomial logistic regression as scikit-learn 1.2's {@code LogisticRegression(C=c,
 * tol=tol, max_iter=n)} with its defaults (L2 penalty, lbfgs, multinomial, fitted unpenalised
 * intercept): the {@link MultinomialLoss} minimised by {@link Lbfgs} from zero. The classes are the
 * distinct training labels.
 *
 * <p>Stopping, as scikit-learn through scipy: {@code tol} bounds the gradient's largest component,
 * and scipy's f-reduction rule ({@link Lbfgs#SCIPY_FTOL}) also stops the fit; with a tight {@code
 * tol} that rule ends it first, well short of the optimum, as it ends scikit-learn's. To solve to
 * the gradient tolerance give a solver with {@code relativeReductionTolerance} 0.
 */
public record LogisticProbe(double c, Lbfgs solver) {

  /** scikit-learn's settings for {@code C}, {@code tol} and {@code max_iter}. */
  public static LogisticProbe of(double c, double tol, int maxIterations) {
    return new LogisticProbe(c, Lbfgs.scipy(tol, maxIterations));
  }

  /** The upstream notebook's probe: {@code LogisticRegression(tol=1e-2, max_iter=1000)}, C = 1. */
  public static LogisticProbe upstream() {
    return of(1.0, 1e-2, 1000);
  }

  /** Fits rows {@code x} (already scaled as wanted) with labels {@code y}. */
  public LogisticModel fit(double[][] x, int[] y) {
    ClassLabels classes = ClassLabels.of(y);
    if (classes.count() < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + classes.count());
    }
    MultinomialLoss loss = new MultinomialLoss(x, classes.encode(y), classes.count(), c);
    // Starting from zero keeps the intercepts summing to zero throughout, as scikit-learn's do:
    // every gradient's intercept part sums to zero over the classes.
    Minimum m = solver.minimize(loss, new double[loss.dimension()]);
    int d = x[0].length;
    double[][] w = new double[classes.count()][d];
    double[] b = new double[classes.count()];
    for (int k = 0; k < w.length; k++) {
      System.arraycopy(m.x(), k * (d + 1), w[k], 0, d);
      b[k] = m.x()[k * (d + 1) + d];
    }
    return new LogisticModel(classes, w, b, m.iterations(), m.converged(), m.value());
  }
}
