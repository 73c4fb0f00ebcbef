package org.mnist1d.workbench.embedding;

import java.util.Arrays;

/**
 * A sparse symmetric joint distribution P over pairs of points, p_ij, in compressed rows.
 *
 * <p>Row {@code i} holds the columns {@code columns[rowStart[i] .. rowStart[i + 1])} in increasing
 * order and their values; absent pairs (and the diagonal) are zero. The arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param size the number of points N (P is N x N)
 * @param rowStart N + 1 offsets into {@code columns} and {@code values}
 * @param columns the column of each stored entry
 * @param values p_ij of each stored entry
 */
public record JointProbabilities(int size, int[] rowStart, int[] columns, double[] values) {

  public JointProbabilities {
    if (rowStart.length != size + 1
        || columns.length != values.length
        || rowStart[size] != values.length) {
      throw new IllegalArgumentException("inconsistent compressed rows");
    }
  }

  /**
   * openTSNE's symmetrisation of conditional rows: P = (C + C^T) / 2, divided by its total so it
   * sums to 1. With row-normalised C the total is N, so this is (C + C^T) / (2N) up to rounding.
   * Entry (i, j) and (j, i) are the same double, since both are (c_ij + c_ji) / 2.
   *
   * @param neighbours row i: the columns of the conditional row i
   * @param conditional row i: c_ij = p(j | i) at those columns
   */
  public static JointProbabilities symmetrise(int[][] neighbours, double[][] conditional) {
    int n = neighbours.length;
    // Each row gets its own entries and, transposed, the entries of rows that list it.
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      count[i] += neighbours[i].length;
      for (int j : neighbours[i]) {
        count[j]++;
      }
    }
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + count[i];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] col = new int[start[n]];
    double[] val = new double[start[n]];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < neighbours[i].length; m++) {
        int j = neighbours[i][m];
        if (j == i) {
          throw new IllegalArgumentException("point " + i + " lists itself as a neighbour");
        }
        col[fill[i]] = j;
        val[fill[i]++] = conditional[i][m];
        col[fill[j]] = i;
        val[fill[j]++] = conditional[i][m];
      }
    }
    return mergeAndNormalise(n, start, col, val);
  }

  /** The matrix of the nonzero entries of a dense symmetric, non-negative matrix, as given. */
  public static JointProbabilities fromDense(double[][] p) {
    int n = p.length;
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      int c = 0;
      for (int j = 0; j < n; j++) {
        c += p[i][j] != 0 ? 1 : 0;
      }
      start[i + 1] = start[i] + c;
    }
    int[] col = new int[start[n]];
    double[] val = new double[start[n]];
    for (int i = 0, e = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (p[i][j] != 0) {
          col[e] = j;
          val[e++] = p[i][j];
        }
      }
    }
    return new JointProbabilities(n, start, col, val);
  }

  /**
   * Sorts every row by column, adds up entries with the same column (at most two, c_ij and c_ji, so
   * the sum does not depend on order), halves them and divides by the total.
   */
  private static JointProbabilities mergeAndNormalise(int n, int[] start, int[] col, double[] val) {
    int[] outStart = new int[n + 1];
    int[] outCol = new int[col.length];
    double[] outVal = new double[col.length];
    int e = 0;
    for (int i = 0; i < n; i++) {
      int from = start[i];
      int len = start[i + 1] - from;
      long[] keyed = new long[len];
      for (int m = 0; m < len; m++) {
        keyed[m] = ((long) col[from + m] << 32) | m;
      }
      Arrays.sort(keyed);
      for (int m = 0; m < len; ) {
        int c = (int) (keyed[m] >>> 32);
        double v = val[from + (int) keyed[m]];
        for (m++; m < len && (int) (keyed[m] >>> 32) == c; m++) {
          v += val[from + (int) keyed[m]];
        }
        outCol[e] = c;
        outVal[e++] = 0.5 * v;
      }
      outStart[i + 1] = e;
    }
    double total = 0;
    for (int m = 0; m < e; m++) {
      total += outVal[m];
    }
    for (int m = 0; m < e; m++) {
      outVal[m] /= total;
    }
    return new JointProbabilities(n, outStart, Arrays.copyOf(outCol, e), Arrays.copyOf(outVal, e));
  }

  /** The number of stored (nonzero) entries. */
  public int nonZeros() {
    return values.length;
  }

  /** p_ij, zero where not stored. */
  public double get(int i, int j) {
    int at = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return at >= 0 ? values[at] : 0;
  }

  /** The sum of all entries (1 up to rounding for a normalised P). */
  public double sum() {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /** The dense N x N matrix; for small N only (tests, inspection). */
  public double[][] toDense() {
    double[][] p = new double[size][size];
    for (int i = 0; i < size; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        p[i][columns[e]] = values[e];
      }
    }
    return p;
  }
}
