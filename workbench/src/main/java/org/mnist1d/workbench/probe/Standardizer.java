package org.mnist1d.workbench.probe;

/**
 * Per-feature standardisation {@code (x - mean) / scale} as scikit-learn's {@code StandardScaler}:
 * the population standard deviation (divisor n), and scale 1 for features that are constant up to
 * rounding.
 */
public record Standardizer(double[] mean, double[] scale) {

  private static final double EPS = Math.ulp(1.0);

  /** Means and scales of the columns of {@code x}. */
  public static Standardizer fit(double[][] x) {
    int n = x.length;
    if (n == 0) {
      throw new IllegalArgumentException("no rows");
    }
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      if (row.length != d) {
        throw new IllegalArgumentException("ragged rows: " + row.length + " vs " + d);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    // Corrected two-pass variance (Chan, Golub & LeVeque): the second sum removes most of the
    // rounding error the first pass left in the mean.
    double[] squares = new double[d];
    double[] residual = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        double c = row[j] - mean[j];
        squares[j] += c * c;
        residual[j] += c;
      }
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double var = (squares[j] - residual[j] * residual[j] / n) / n;
      // A feature is constant when its variance lies within the two-pass algorithm's error
      // bound; dividing by such a scale would only amplify rounding noise. Same bound as
      // scikit-learn's, so the same features are left unscaled.
      double bound = n * EPS * var + Math.pow(n * mean[j] * EPS, 2);
      scale[j] = var <= bound ? 1.0 : Math.sqrt(var);
    }
    return new Standardizer(mean, scale);
  }

  /** One standardised row. */
  public double[] transform(double[] row) {
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - mean[j]) / scale[j];
    }
    return out;
  }

  /** Standardised copies of all rows. */
  public double[][] transform(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = transform(x[i]);
    }
    return out;
  }
}
