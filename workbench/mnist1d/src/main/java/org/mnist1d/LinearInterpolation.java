package org.mnist1d;

/**
 * Resampling of a signal on {@code linspace(0, 1, from)} to {@code linspace(0, 1, to)}, computed as
 * NumPy's {@code np.interp} does (what SciPy's linear {@code interp1d} delegates to), so that exact
 * zeros stay exact zeros.
 *
 * <p>The grid arithmetic is done once per length pair; {@link #apply} then only does the per-signal
 * part.
 */
public final class LinearInterpolation {
  private final int from;
  private final int to;
  // For output i: the left source index j (xp[j] <= x < xp[j+1]), x - xp[j], xp[j+1] - xp[j];
  // exact[i] when x hits a source point (or is the last one) and the value is copied.
  private final int[] left;
  private final double[] offset;
  private final double[] width;
  private final boolean[] exact;

  /** Prepares resampling from {@code from} points to {@code to} points (both at least 1). */
  public LinearInterpolation(int from, int to) {
    if (from < 1 || to < 1) {
      throw new IllegalArgumentException(
          "interpolation needs lengths >= 1, got " + from + " -> " + to);
    }
    this.from = from;
    this.to = to;
    double[] xp = linspace(0.0, 1.0, from);
    double[] x = linspace(0.0, 1.0, to);
    left = new int[to];
    offset = new double[to];
    width = new double[to];
    exact = new boolean[to];
    int j = 0;
    for (int i = 0; i < to; i++) {
      double xv = x[i];
      while (j + 1 < from && xp[j + 1] <= xv) {
        j++;
      }
      left[i] = j;
      if (j == from - 1 || xp[j] == xv) {
        exact[i] = true;
      } else {
        offset[i] = xv - xp[j];
        width[i] = xp[j + 1] - xp[j];
      }
    }
  }

  /** Source length. */
  public int from() {
    return from;
  }

  /** Target length. */
  public int to() {
    return to;
  }

  /** Writes the resampled {@code in[0..from)} into {@code out[0..to)}; in and out must differ. */
  public void apply(double[] in, double[] out) {
    for (int i = 0; i < to; i++) {
      int j = left[i];
      if (exact[i]) {
        out[i] = in[j];
      } else {
        double slope = (in[j + 1] - in[j]) / width[i];
        out[i] = slope * offset[i] + in[j];
      }
    }
  }

  /** {@code interpolate(x, n)} of the reference: a new array of n points. */
  public static double[] interpolate(double[] x, int n) {
    double[] out = new double[n];
    new LinearInterpolation(x.length, n).apply(x, out);
    return out;
  }

  /** NumPy's {@code linspace(start, stop, n)}: {@code start + i * step}, last point exact. */
  public static double[] linspace(double start, double stop, int n) {
    double[] y = new double[n];
    if (n == 1) {
      y[0] = start;
      return y;
    }
    double step = (stop - start) / (n - 1);
    for (int i = 0; i < n; i++) {
      y[i] = i * step + start;
    }
    y[n - 1] = stop;
    return y;
  }
}
