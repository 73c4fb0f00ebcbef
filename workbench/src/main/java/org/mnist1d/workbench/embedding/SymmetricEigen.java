package org.mnist1d.workbench.embedding;

import java.util.Arrays;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: slow for large
 * matrices but accurate to rounding and free of randomness, which is what PCA of a few dozen
 * features needs.
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
