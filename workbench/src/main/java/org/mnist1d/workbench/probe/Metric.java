package org.mnist1d.workbench.probe;

import java.util.Arrays;

/** The distance a nearest-neighbour probe ranks by. */
public enum Metric {
  /** Euclidean distance (ranked by its square, which orders the same). */
  EUCLIDEAN,
  /** Cosine distance {@code 1 - cos(a, b)}, clipped to [0, 2]; a zero vector is at distance 1. */
  COSINE;

  /**
   * Rows prepared for {@link #distance}: unit-length copies for cosine, the rows themselves else.
   */
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

  /**
   * Ranking distances from prepared row {@code q} to prepared training rows {@code i0 .. i0+m-1},
   * given as columns ({@code columns[j][i]} is feature j of row i), into {@code out[0..m-1]}. The
   * innermost loop runs along training rows, which the JIT vectorises; each sum still adds features
   * 0, 1, 2, ... in order, as a plain loop over one pair would.
   */
  void distances(double[] q, double[][] columns, int i0, int m, double[] out) {
    Arrays.fill(out, 0, m, 0.0);
    int d = q.length;
    int j = 0;
    if (this == EUCLIDEAN) {
      for (; j + 3 < d; j += 4) {
        double q0 = q[j];
        double q1 = q[j + 1];
        double q2 = q[j + 2];
        double q3 = q[j + 3];
        double[] c0 = columns[j];
        double[] c1 = columns[j + 1];
        double[] c2 = columns[j + 2];
        double[] c3 = columns[j + 3];
        for (int b = 0; b < m; b++) {
          int i = i0 + b;
          double t0 = q0 - c0[i];
          double t1 = q1 - c1[i];
          double t2 = q2 - c2[i];
          double t3 = q3 - c3[i];
          out[b] = out[b] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
      }
      for (; j < d; j++) {
        double qj = q[j];
        double[] c = columns[j];
        for (int b = 0; b < m; b++) {
          double t = qj - c[i0 + b];
          out[b] += t * t;
        }
      }
      return;
    }
    for (; j + 3 < d; j += 4) {
      double q0 = q[j];
      double q1 = q[j + 1];
      double q2 = q[j + 2];
      double q3 = q[j + 3];
      double[] c0 = columns[j];
      double[] c1 = columns[j + 1];
      double[] c2 = columns[j + 2];
      double[] c3 = columns[j + 3];
      for (int b = 0; b < m; b++) {
        int i = i0 + b;
        out[b] = out[b] + q0 * c0[i] + q1 * c1[i] + q2 * c2[i] + q3 * c3[i];
      }
    }
    for (; j < d; j++) {
      double qj = q[j];
      double[] c = columns[j];
      for (int b = 0; b < m; b++) {
        out[b] += qj * c[i0 + b];
      }
    }
    for (int b = 0; b < m; b++) {
      // Clipping as scikit-learn does makes near-parallel vectors tie at exactly 0.
      out[b] = Math.min(2.0, Math.max(0.0, 1.0 - out[b]));
    }
  }
}
