package org.mnist1d.workbench.probe;

/**
 * A fitted multinomial logistic regression: one weight row and intercept per class (in the order of
 * {@code classes}), how many L-BFGS iterations the fit took, whether it converged, and the
 * objective's final value.
 */
public record LogisticModel(
    ClassLabels classes,
    double[][] weights,
    double[] intercepts,
    int iterations,
    boolean converged,
    double objective) {

  /** The logits {@code w_k . x + b_k} of one row. */
  public double[] decision(double[] row) {
    double[] z = new double[weights.length];
    for (int k = 0; k < z.length; k++) {
      double[] w = weights[k];
      double v = intercepts[k];
      for (int j = 0; j < w.length; j++) {
        v += w[j] * row[j];
      }
      z[k] = v;
    }
    return z;
  }

  /**
   * The label with the largest logit for each row; ties go to the smallest label (numpy's argmax).
   */
  public int[] predict(double[][] x) {
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] z = decision(x[i]);
      int best = 0;
      for (int k = 1; k < z.length; k++) {
        if (z[k] > z[best]) {
          best = k;
        }
      }
      out[i] = classes.label(best);
    }
    return out;
  }

  /** Accuracy on labelled rows, in percent. */
  public double accuracy(double[][] x, int[] labels) {
    return Accuracy.percent(predict(x), labels);
  }
}
