package org.mnist1d.workbench.probe;

import java.util.Arrays;

/**
 * scikit-learn 1.2's objective for multinomial logistic regression with an L2 penalty:
 * {@code sum_i [logsumexp_k(z_ik) - z_i,y_i] + (1 / (2C)) sum_k ||w_k||^2} with logits
 * {@code z_ik = w_k . x_i + b_k}. It is a sum, not a mean, over examples, and the intercepts
 * {@code b_k} are not penalised (so a common shift of all of them leaves it unchanged).
 *
 * <p>Parameter layout: class after class, each {@code [w_k0 .. w_k(d-1), b_k]}, i.e. a
 * {@code classes x (features + 1)} matrix flattened by rows.
 */
public final class MultinomialLoss implements Objective {
  private final double[][] x;
  private final int[] y;
  private final int classes;
  private final double penalty;

  /**
   * The objective on rows {@code x} with class indices {@code y} in {@code [0, classes)} and
   * inverse regularisation strength {@code c}.
   */
  public MultinomialLoss(double[][] x, int[] y, int classes, double c) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(y.length + " labels for " + x.length + " rows");
    }
    if (!(c > 0)) {
      throw new IllegalArgumentException("C must be positive, got " + c);
    }
    this.x = x;
    this.y = y;
    this.classes = classes;
    this.penalty = 1.0 / c;
  }

  /** Number of parameters: {@code classes * (features + 1)}. */
  public int dimension() {
    return classes * (features() + 1);
  }

  private int features() {
    return x.length == 0 ? 0 : x[0].length;
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradient) {
    int d = features();
    int stride = d + 1;
    Arrays.fill(gradient, 0.0);
    double[] z = new double[classes];
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        int off = k * stride;
        double v = theta[off + d];
        for (int j = 0; j < d; j++) {
          v += theta[off + j] * row[j];
        }
        z[k] = v;
        max = Math.max(max, v);
      }
      // log-sum-exp shifted by the largest logit, so exp never overflows
      int label = y[i];
      double shiftedTarget = z[label] - max;
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
      }
      total += Math.log(sum) - shiftedTarget;
      double inv = 1.0 / sum;
      for (int k = 0; k < classes; k++) {
        // d loss / d z_k = softmax_k - [k == y]
        double r = z[k] * inv - (k == label ? 1.0 : 0.0);
        int off = k * stride;
        for (int j = 0; j < d; j++) {
          gradient[off + j] += r * row[j];
        }
        gradient[off + d] += r;
      }
    }
    double squares = 0;
    for (int k = 0; k < classes; k++) {
      int off = k * stride;
      for (int j = 0; j < d; j++) {
        double w = theta[off + j];
        squares += w * w;
        gradient[off + j] += penalty * w;
      }
    }
    return total + 0.5 * penalty * squares;
  }
}
