package org.mnist1d.workbench.probe;

/** The distance a nearest-neighbour probe ranks by. */
public enum Metric {
  /** Euclidean distance (ranked by its square, which orders the same). */
  EUCLIDEAN,
  /** Cosine distance {@code 1 - cos(a, b)}, clipped to [0, 2]; a zero vector is at distance 1. */
  COSINE;

  /** Rows prepared for {@link #distance}: unit-length copies for cosine, the rows themselves else. */
  double[][] prepare(double[][] rows) {
    if (this == EUCLIDEAN) {
      return rows;
    }
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double[] r = rows[i];
      double norm = 0;
      for (double v : r) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      // A zero row stays zero (scikit-learn's normalize does the same), so it has similarity 0.
      double inv = norm == 0 ? 1.0 : 1.0 / norm;
      double[] u = new double[r.length];
      for (int j = 0; j < r.length; j++) {
        u[j] = r[j] * inv;
      }
      out[i] = u;
    }
    return out;
  }

  /** The ranking distance between two prepared rows. */
  double distance(double[] a, double[] b) {
    if (this == EUCLIDEAN) {
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        double d = a[j] - b[j];
        s += d * d;
      }
      return s;
    }
    double dot = 0;
    for (int j = 0; j < a.length; j++) {
      dot += a[j] * b[j];
    }
    // Clipping as scikit-learn does makes near-parallel vectors tie at exactly 0.
    return Math.min(2.0, Math.max(0.0, 1.0 - dot));
  }
}
