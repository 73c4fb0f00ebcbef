package org.mnist1d.workbench.embedding;

import java.util.Arrays;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: slow for large
 * matrices but accurate to rounding and free of randomness, which is what PCA of a few dozen
 * features needs. {@link #top} gives the leading eigenpairs of a large positive semi-definite
 * matrix (a covariance of hundreds of features) by subspace iteration, also without randomness.
 *
 * @param values the eigenvalues, largest first (ties keep their original order)
 * @param vectors {@code vectors[c]} is the unit eigenvector of {@code values[c]}
 */
record SymmetricEigen(double[] values, double[][] vectors) {
  private static final int MAX_SWEEPS = 100;

  /** Decomposes {@code a} (left unchanged), which must be symmetric. */
  static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    double[][] v = new double[n][n];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
      v[i][i] = 1;
      for (int j = 0; j < n; j++) {
        scale += a[i][j] * a[i][j];
      }
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += m[p][q] * m[p][q];
        }
      }
      // Stop when the off-diagonal part is rounding noise relative to the whole matrix.
      if (off <= 1e-32 * scale) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (m[p][q] != 0) {
            rotate(m, v, p, q);
          }
        }
      }
    }
    return sorted(m, v);
  }

  /**
   * The {@code k} largest eigenpairs of a symmetric positive semi-definite {@code a} (left
   * unchanged): subspace iteration on a block of {@code k + 8} vectors started from the columns of
   * {@code a} with the largest diagonal entries, a Rayleigh-Ritz step (Jacobi on the small
   * projected matrix) each round, until every wanted residual {@code |a v - lambda v|} is below
   * 1e-11 of the largest eigenvalue. Costs O(d^2 k) per round where {@link #of} costs O(d^3) per
   * sweep with poor memory access: seconds instead of minutes for a 784 x 784 covariance.
   */
  static SymmetricEigen top(double[][] a, int k) {
    int d = a.length;
    int b = Math.min(d, k + 8);
    Integer[] byDiagonal = new Integer[d];
    for (int i = 0; i < d; i++) {
      byDiagonal[i] = i;
    }
    Arrays.sort(byDiagonal, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[][] q = new double[b][]; // q[j]: the j-th basis vector
    for (int j = 0; j < b; j++) {
      q[j] = column(a, byDiagonal[j]);
    }
    orthonormalise(q, byDiagonal);
    SymmetricEigen ritz = null;
    double[][] vectors = null;
    for (int round = 0; round < 2000; round++) {
      double[][] aq = new double[b][];
      for (int j = 0; j < b; j++) {
        aq[j] = times(a, q[j]);
      }
      double[][] t = new double[b][b];
      for (int i = 0; i < b; i++) {
        for (int j = i; j < b; j++) {
          t[i][j] = dot(q[i], aq[j]);
          t[j][i] = t[i][j];
        }
      }
      ritz = of(t);
      vectors = new double[b][d];
      double[][] avectors = new double[b][d];
      for (int c = 0; c < b; c++) {
        for (int j = 0; j < b; j++) {
          double w = ritz.vectors()[c][j];
          for (int f = 0; f < d; f++) {
            vectors[c][f] += w * q[j][f];
            avectors[c][f] += w * aq[j][f];
          }
        }
      }
      double largest = Math.max(Math.abs(ritz.values()[0]), Double.MIN_NORMAL);
      boolean done = true;
      for (int c = 0; c < k && done; c++) {
        double r = 0;
        for (int f = 0; f < d; f++) {
          double e = avectors[c][f] - ritz.values()[c] * vectors[c][f];
          r += e * e;
        }
        done = Math.sqrt(r) <= 1e-11 * largest;
      }
      if (done) {
        break;
      }
      q = avectors;
      orthonormalise(q, byDiagonal);
    }
    return new SymmetricEigen(Arrays.copyOf(ritz.values(), k), Arrays.copyOf(vectors, k));
  }

  private static double[] column(double[][] a, int j) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i][j];
    }
    return c;
  }

  private static double[] times(double[][] a, double[] v) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = dot(a[i], v);
    }
    return out;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /**
   * Modified Gram-Schmidt, twice (so the basis stays orthogonal to rounding); a vector that
   * vanishes is replaced by the next unit vector in {@code fallback} order.
   */
  private static void orthonormalise(double[][] q, Integer[] fallback) {
    int next = 0;
    for (int j = 0; j < q.length; j++) {
      for (int attempt = 0; ; attempt++) {
        double before = Math.sqrt(dot(q[j], q[j]));
        for (int pass = 0; pass < 2; pass++) {
          for (int i = 0; i < j; i++) {
            double r = dot(q[i], q[j]);
            for (int f = 0; f < q[j].length; f++) {
              q[j][f] -= r * q[i][f];
            }
          }
        }
        double norm = Math.sqrt(dot(q[j], q[j]));
        if (norm > 1e-10 * before && norm > 0) {
          for (int f = 0; f < q[j].length; f++) {
            q[j][f] /= norm;
          }
          break;
        }
        if (attempt > q[j].length) {
          throw new IllegalStateException("no basis vector left to complete the block");
        }
        q[j] = new double[q[j].length];
        q[j][fallback[next++ % fallback.length]] = 1;
      }
    }
  }

  /** Applies the rotation in the (p, q) plane that zeroes m[p][q]: m = J^T m J, v = v J. */
  private static void rotate(double[][] m, double[][] v, int p, int q) {
    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
    // The smaller of the two rotation angles, for stability.
    double t =
        theta >= 0
            ? 1 / (theta + Math.sqrt(1 + theta * theta))
            : -1 / (-theta + Math.sqrt(1 + theta * theta));
    double c = 1 / Math.sqrt(1 + t * t);
    double s = t * c;
    int n = m.length;
    for (int k = 0; k < n; k++) {
      double kp = m[k][p];
      double kq = m[k][q];
      m[k][p] = c * kp - s * kq;
      m[k][q] = s * kp + c * kq;
    }
    for (int k = 0; k < n; k++) {
      double pk = m[p][k];
      double qk = m[q][k];
      m[p][k] = c * pk - s * qk;
      m[q][k] = s * pk + c * qk;
    }
    m[p][q] = 0;
    m[q][p] = 0;
    for (int k = 0; k < n; k++) {
      double kp = v[k][p];
      double kq = v[k][q];
      v[k][p] = c * kp - s * kq;
      v[k][q] = s * kp + c * kq;
    }
  }

  /** The diagonal of {@code m} and the columns of {@code v}, by decreasing eigenvalue. */
  private static SymmetricEigen sorted(double[][] m, double[][] v) {
    int n = m.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int c = 0; c < n; c++) {
      int col = order[c];
      values[c] = m[col][col];
      for (int k = 0; k < n; k++) {
        vectors[c][k] = v[k][col];
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}
