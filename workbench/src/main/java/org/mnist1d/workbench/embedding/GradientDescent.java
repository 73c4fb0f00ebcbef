package org.mnist1d.workbench.embedding;

import java.util.Arrays;

/**
 * openTSNE's optimiser: gradient descent with momentum and per-coordinate delta-bar-delta gains,
 * per-point clipping of the gradient and of the step, and re-centring after every step.
 *
 * <p>The gains and the previous step carry over from one phase to the next, as in openTSNE 1.0 (it
 * keeps both in the optimiser object that both phases share).
 */
final class GradientDescent {
  private final double minGain;
  private final double maxGradNorm;
  private final double maxStepNorm;
  private final double[][] gains;
  private final double[][] update;

  /**
   * A fresh optimiser (gains 1, no previous step) for {@code n} points in {@code dims} dimensions.
   */
  GradientDescent(int dims, int n, double minGain, double maxGradNorm, double maxStepNorm) {
    this.minGain = minGain;
    this.maxGradNorm = maxGradNorm;
    this.maxStepNorm = maxStepNorm;
    this.gains = new double[dims][n];
    this.update = new double[dims][n];
    for (double[] g : gains) {
      Arrays.fill(g, 1.0);
    }
  }

  /**
   * Moves {@code y} (by coordinate, {@code y[d][i]}) one step against {@code gradient} (same shape,
   * clipped in place if a gradient clip is set).
   */
  void step(double[][] y, double[][] gradient, double learningRate, double momentum) {
    int dims = y.length;
    int n = y[0].length;
    if (maxGradNorm != Double.POSITIVE_INFINITY) {
      for (int i = 0; i < n; i++) {
        double coeff = maxGradNorm / (norm(gradient, i) + 1e-6);
        if (coeff < 1) {
          for (int d = 0; d < dims; d++) {
            gradient[d][i] *= coeff;
          }
        }
      }
    }
    for (int d = 0; d < dims; d++) {
      double[] g = gains[d];
      double[] u = update[d];
      double[] grad = gradient[d];
      for (int i = 0; i < n; i++) {
        // The step opposes the gradient, so differing signs mean the descent keeps its direction:
        // grow that coordinate's gain; otherwise shrink it. (The first step has no direction yet,
        // sign 0, so every gain grows.)
        if (Math.signum(u[i]) != Math.signum(grad[i])) {
          g[i] += 0.2;
        } else {
          g[i] = g[i] * 0.8 + minGain;
        }
        u[i] = momentum * u[i] - learningRate * g[i] * grad[i];
      }
    }
    if (maxStepNorm != Double.POSITIVE_INFINITY) {
      for (int i = 0; i < n; i++) {
        double norm = norm(update, i);
        if (norm > maxStepNorm) {
          for (int d = 0; d < dims; d++) {
            update[d][i] = update[d][i] / norm * maxStepNorm;
          }
        }
      }
    }
    for (int d = 0; d < dims; d++) {
      double[] yd = y[d];
      double[] u = update[d];
      double mean = 0;
      for (int i = 0; i < n; i++) {
        yd[i] += u[i];
        mean += yd[i];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        yd[i] -= mean;
      }
    }
  }

  private static double norm(double[][] v, int i) {
    double s = 0;
    for (double[] vd : v) {
      s += vd[i] * vd[i];
    }
    return Math.sqrt(s);
  }
}
