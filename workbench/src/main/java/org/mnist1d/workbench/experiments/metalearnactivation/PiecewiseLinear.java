package org.mnist1d.workbench.experiments.metalearnactivation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Arrays;
import org.mnist1d.workbench.metagrad.ActivationFunction;
import org.mnist1d.workbench.metagrad.StepNoise;
import org.mnist1d.workbench.nn.Scalars;

/**
 * A continuous piecewise-linear function {@code f(x) = a + b x + sum_j c_j relu(x - k_j)}, and its
 * least-squares fit to a sampled curve with breakpoints found by coordinate search over the sample
 * positions (the published follow-up approximates the learned activation with 6 pieces).
 */
public record PiecewiseLinear(double intercept, double slope, double[] breaks, double[] kinks) {

  /** f(x). */
  public double apply(double x) {
    double y = intercept + slope * x;
    for (int j = 0; j < breaks.length; j++) {
      y += kinks[j] * Math.max(0, x - breaks[j]);
    }
    return y;
  }

  /** Fits {@code pieces} linear pieces to the points (xs ascending). */
  public static PiecewiseLinear fit(double[] xs, double[] ys, int pieces) {
    int m = pieces - 1;
    int n = xs.length;
    // candidate breakpoints: interior sample positions; start evenly spread
    int[] idx = new int[m];
    for (int j = 0; j < m; j++) {
      idx[j] = 1 + (int) Math.round((j + 1) * (n - 3) / (double) pieces);
    }
    double best = sse(xs, ys, idx);
    boolean improved = true;
    for (int round = 0; round < 50 && improved; round++) {
      improved = false;
      for (int j = 0; j < m; j++) {
        int keep = idx[j];
        for (int cand = 1; cand < n - 1; cand++) {
          idx[j] = cand;
          if (!distinct(idx)) {
            continue;
          }
          double e = sse(xs, ys, idx);
          if (e < best - 1e-15) {
            best = e;
            keep = cand;
            improved = true;
          }
        }
        idx[j] = keep;
      }
    }
    int[] sorted = idx.clone();
    Arrays.sort(sorted);
    double[] breaks = new double[m];
    for (int j = 0; j < m; j++) {
      breaks[j] = xs[sorted[j]];
    }
    double[] coef = solve(xs, ys, breaks);
    return new PiecewiseLinear(coef[0], coef[1], breaks, Arrays.copyOfRange(coef, 2, coef.length));
  }

  /** Root-mean-square error against the points. */
  public double rmse(double[] xs, double[] ys) {
    double s = 0;
    for (int i = 0; i < xs.length; i++) {
      double d = apply(xs[i]) - ys[i];
      s += d * d;
    }
    return Math.sqrt(s / xs.length);
  }

  private static boolean distinct(int[] idx) {
    for (int i = 0; i < idx.length; i++) {
      for (int j = i + 1; j < idx.length; j++) {
        if (idx[i] == idx[j]) {
          return false;
        }
      }
    }
    return true;
  }

  private static double sse(double[] xs, double[] ys, int[] idx) {
    double[] breaks = new double[idx.length];
    for (int j = 0; j < idx.length; j++) {
      breaks[j] = xs[idx[j]];
    }
    double[] c = solve(xs, ys, breaks);
    PiecewiseLinear f = new PiecewiseLinear(c[0], c[1], breaks, Arrays.copyOfRange(c, 2, c.length));
    double s = 0;
    for (int i = 0; i < xs.length; i++) {
      double d = f.apply(xs[i]) - ys[i];
      s += d * d;
    }
    return s;
  }

  /** Least squares on the hinge basis [1, x, relu(x - k_j)] via the normal equations. */
  private static double[] solve(double[] xs, double[] ys, double[] breaks) {
    int p = 2 + breaks.length;
    double[][] a = new double[p][p + 1];
    double[] row = new double[p];
    for (int i = 0; i < xs.length; i++) {
      row[0] = 1;
      row[1] = xs[i];
      for (int j = 0; j < breaks.length; j++) {
        row[2 + j] = Math.max(0, xs[i] - breaks[j]);
      }
      for (int r = 0; r < p; r++) {
        for (int c = 0; c < p; c++) {
          a[r][c] += row[r] * row[c];
        }
        a[r][p] += row[r] * ys[i];
      }
    }
    for (int r = 0; r < p; r++) {
      a[r][r] += 1e-12; // keeps the system solvable when a hinge sees no points
    }
    // Gaussian elimination with partial pivoting
    for (int col = 0; col < p; col++) {
      int piv = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      for (int r = 0; r < p; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= p; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[p];
    for (int r = 0; r < p; r++) {
      x[r] = a[r][p] / a[r][r];
    }
    return x;
  }

  /** This function as an inner-model activation, with its derivative. */
  public ActivationFunction asActivation() {
    PiecewiseLinear f = this;
    return new ActivationFunction() {
      @Override
      public String name() {
        return "piecewise-linear";
      }

      @Override
      public NDList valueAndSlope(NDArray z, NDList hyper, StepNoise noise, Scalars c) {
        NDArray value = z.mul(c.of(f.slope)).add(c.of(f.intercept));
        NDArray slope = z.zerosLike().add(c.of(f.slope));
        for (int j = 0; j < f.breaks.length; j++) {
          NDArray shifted = z.sub(c.of(f.breaks[j]));
          NDArray above = shifted.gt(c.of(0)).toType(c.type(), false);
          value = value.add(shifted.mul(above).mul(c.of(f.kinks[j])));
          slope = slope.add(above.mul(c.of(f.kinks[j])));
        }
        return new NDList(value, slope);
      }
    };
  }
}
