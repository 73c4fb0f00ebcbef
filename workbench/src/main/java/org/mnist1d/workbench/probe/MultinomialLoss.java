package org.mnist1d.workbench.probe;

import java.util.Arrays;

/**
 * scikit-learn 1.2's objective for multinomial logistic regression with an L2 penalty: {@code sum_i
 * [logsumexp_k(z_ik) - z_i,y_i] + (1 / (2C)) sum_k ||w_k||^2} with logits {@code z_ik = w_k . x_i +
 * b_k}. It is a sum, not a mean, over examples, and the intercepts {@code b_k} are not penalised
 * (so a common shift of all of them leaves it unchanged).
 *
 * <p>Parameter layout: class after class, each {@code [w_k0 .. w_k(d-1), b_k]}, i.e. a {@code
 * classes x (features + 1)} matrix flattened by rows.
 */
public final class MultinomialLoss implements Objective {
  /** Examples per block of logits: a classes x BLOCK tile stays in the L1 cache. */
  private static final int BLOCK = 256;

  private final double[][] x;
  private final double[][] columns;
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
    for (int label : y) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "class index " + label + " outside [0, " + classes + ")");
      }
    }
    this.x = x;
    this.columns = transpose(x);
    this.y = y;
    this.classes = classes;
    this.penalty = 1.0 / c;
  }

  /** Number of parameters: {@code classes * (features + 1)}. */
  public int dimension() {
    return classes * (features() + 1);
  }

  private int features() {
    return columns.length;
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradient) {
    int d = features();
    int stride = d + 1;
    Arrays.fill(gradient, 0.0);
    double[][] z = new double[classes][BLOCK];
    double total = 0;
    for (int i0 = 0; i0 < x.length; i0 += BLOCK) {
      int m = Math.min(BLOCK, x.length - i0);
      logits(theta, i0, m, z);
      for (int b = 0; b < m; b++) {
        total += lossAndResidual(z, b, y[i0 + b]);
      }
      addGradient(z, i0, m, gradient);
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

  /**
   * Logits of examples {@code i0 .. i0+m-1} into {@code z[k][0..m-1]}, feature by feature: the
   * innermost loop runs along examples, which the JIT vectorises (a dot product per example would
   * be a serial reduction), and four features per pass cut the loads and stores of z. Java neither
   * reassociates nor fuses, so each logit is still exactly {@code ((b_k + w_k0 x_i0) + w_k1 x_i1) +
   * ...}.
   */
  private void logits(double[] theta, int i0, int m, double[][] z) {
    int d = features();
    int stride = d + 1;
    for (int k = 0; k < classes; k++) {
      Arrays.fill(z[k], 0, m, theta[k * stride + d]);
    }
    int j = 0;
    for (; j + 3 < d; j += 4) {
      double[] c0 = columns[j];
      double[] c1 = columns[j + 1];
      double[] c2 = columns[j + 2];
      double[] c3 = columns[j + 3];
      for (int k = 0; k < classes; k++) {
        int off = k * stride + j;
        double w0 = theta[off];
        double w1 = theta[off + 1];
        double w2 = theta[off + 2];
        double w3 = theta[off + 3];
        double[] zk = z[k];
        for (int b = 0; b < m; b++) {
          int i = i0 + b;
          zk[b] = zk[b] + w0 * c0[i] + w1 * c1[i] + w2 * c2[i] + w3 * c3[i];
        }
      }
    }
    for (; j < d; j++) {
      double[] c = columns[j];
      for (int k = 0; k < classes; k++) {
        double w = theta[k * stride + j];
        double[] zk = z[k];
        for (int b = 0; b < m; b++) {
          zk[b] += w * c[i0 + b];
        }
      }
    }
  }

  /**
   * One example's cross-entropy from its logits {@code z[.][b]}, which it replaces by the residuals
   * {@code softmax_k - [k == label]} (the loss's derivative w.r.t. the logits).
   */
  private double lossAndResidual(double[][] z, int b, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      max = Math.max(max, z[k][b]);
    }
    // log-sum-exp shifted by the largest logit, so exp never overflows
    double shiftedTarget = z[label][b] - max;
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      double e = Math.exp(z[k][b] - max);
      z[k][b] = e;
      sum += e;
    }
    double inv = 1.0 / sum;
    for (int k = 0; k < classes; k++) {
      z[k][b] = z[k][b] * inv - (k == label ? 1.0 : 0.0);
    }
    return Math.log(sum) - shiftedTarget;
  }

  /**
   * Adds {@code sum_b r[k][b] x_(i0+b)} to each class's weight gradient and {@code sum_b r[k][b]}
   * to its intercept's. Four examples per pass over a gradient row; the sums still run over the
   * examples in order, as one example at a time would.
   */
  private void addGradient(double[][] r, int i0, int m, double[] gradient) {
    int d = features();
    int stride = d + 1;
    int b = 0;
    for (; b + 3 < m; b += 4) {
      double[] x0 = x[i0 + b];
      double[] x1 = x[i0 + b + 1];
      double[] x2 = x[i0 + b + 2];
      double[] x3 = x[i0 + b + 3];
      for (int k = 0; k < classes; k++) {
        double[] rk = r[k];
        double r0 = rk[b];
        double r1 = rk[b + 1];
        double r2 = rk[b + 2];
        double r3 = rk[b + 3];
        int off = k * stride;
        for (int j = 0; j < d; j++) {
          gradient[off + j] = gradient[off + j] + r0 * x0[j] + r1 * x1[j] + r2 * x2[j] + r3 * x3[j];
        }
        gradient[off + d] = gradient[off + d] + r0 + r1 + r2 + r3;
      }
    }
    for (; b < m; b++) {
      double[] row = x[i0 + b];
      for (int k = 0; k < classes; k++) {
        double rb = r[k][b];
        int off = k * stride;
        for (int j = 0; j < d; j++) {
          gradient[off + j] += rb * row[j];
        }
        gradient[off + d] += rb;
      }
    }
  }

  private static double[][] transpose(double[][] x) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[][] t = new double[d][x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("ragged rows: " + x[i].length + " vs " + d);
      }
      for (int j = 0; j < d; j++) {
        t[j][i] = x[i][j];
      }
    }
    return t;
  }
}
