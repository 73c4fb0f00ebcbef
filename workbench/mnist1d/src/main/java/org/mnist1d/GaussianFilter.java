package org.mnist1d;

/**
 * SciPy's {@code ndimage.gaussian_filter} in one dimension with its defaults (truncate 4, mode
 * "reflect": half-sample symmetric, period 2n, so inputs shorter than the radius work).
 *
 * <p>Sums in SciPy's order for symmetric kernels: centre first, then pairs from the outside in.
 * Holds a scratch buffer: one instance per thread.
 */
public final class GaussianFilter {
  private final int radius;
  private final double[] weights; // weights[k] for offset k = 0..radius (symmetric)
  private double[] extended = new double[0];

  /** A filter with standard deviation {@code sigma} (radius {@code int(4 sigma + 0.5)}). */
  public GaussianFilter(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma must be positive, got " + sigma);
    }
    radius = (int) (4.0 * sigma + 0.5);
    double c = -0.5 / (sigma * sigma);
    double[] full = new double[2 * radius + 1];
    for (int k = -radius; k <= radius; k++) {
      full[k + radius] = Math.exp(c * (double) (k * k));
    }
    double sum = 0;
    for (double w : full) {
      sum += w;
    }
    weights = new double[radius + 1];
    for (int k = 0; k <= radius; k++) {
      weights[k] = full[k + radius] / sum;
    }
  }

  /** Kernel half-width. */
  public int radius() {
    return radius;
  }

  /** Filters {@code in[0..n)} into {@code out[0..n)} (they may be the same array). */
  public void apply(double[] in, int n, double[] out) {
    int r = radius;
    if (extended.length < n + 2 * r) {
      extended = new double[n + 2 * r];
    }
    double[] e = extended;
    for (int m = -r; m < n + r; m++) {
      e[m + r] = in[reflect(m, n)];
    }
    double w0 = weights[0];
    for (int i = 0; i < n; i++) {
      int c = i + r;
      double acc = e[c] * w0;
      for (int k = r; k >= 1; k--) {
        acc += (e[c - k] + e[c + k]) * weights[k];
      }
      out[i] = acc;
    }
  }

  /** {@code gaussian_filter(v, sigma)} as a new array. */
  public static double[] filter(double[] v, double sigma) {
    double[] out = new double[v.length];
    new GaussianFilter(sigma).apply(v, v.length, out);
    return out;
  }

  /** Index of position m in {@code ... v1 v0 | v0 .. v(n-1) | v(n-1) v(n-2) ...}. */
  static int reflect(int m, int n) {
    int period = 2 * n;
    int q = Math.floorMod(m, period);
    return q < n ? q : period - 1 - q;
  }
}
