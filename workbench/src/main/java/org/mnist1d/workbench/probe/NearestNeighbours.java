package org.mnist1d.workbench.probe;

import java.util.Arrays;

/**
 * k-nearest-neighbour classification by majority vote, as scikit-learn's {@code
 * KNeighborsClassifier(n_neighbors=k, weights='uniform')} with brute-force search.
 *
 * <p>Ties: the k nearest are the first k in (distance, training index) order, so among equally
 * distant training points the earlier ones win; a tied vote goes to the smallest label. Both agree
 * with scikit-learn 1.2.1's Euclidean search and its {@code scipy.stats.mode} vote. Its cosine
 * search ({@code np.argpartition}) picks among points tied at the k-th distance in an unspecified
 * order, which only matters for exact duplicates (see the tests' tie case).
 *
 * <p>Distances are summed feature by feature ({@code sum (a_j - b_j)^2}, not scikit-learn's {@code
 * |a|^2 - 2 a.b + |b|^2}), so two distances equal to within rounding could rank differently from
 * scikit-learn; exact duplicates tie in both.
 */
public record NearestNeighbours(int k, Metric metric) {

  /** Training rows per tile: a tile's features (up to ~1 MB) are reused by every test row. */
  private static final int TILE = 256;

  /** The upstream notebook's probe: 10 neighbours. */
  public static NearestNeighbours upstream(Metric metric) {
    return new NearestNeighbours(10, metric);
  }

  public NearestNeighbours {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
  }

  /** For each test row, the indices of its k nearest training rows, nearest first. */
  public int[][] neighbours(double[][] train, double[][] test) {
    if (k > train.length) {
      throw new IllegalArgumentException(
          "k = " + k + " exceeds the " + train.length + " training rows");
    }
    double[][] columns = transpose(metric.prepare(train));
    double[][] te = metric.prepare(test);
    if (te.length > 0 && te[0].length != columns.length) {
      throw new IllegalArgumentException(
          te[0].length + " test features vs " + columns.length + " training features");
    }
    double[][] dist = new double[te.length][k];
    int[][] idx = new int[te.length][k];
    int[] filled = new int[te.length];
    double[] tile = new double[TILE];
    // Tiles in training order, each offered in index order: the selection sees the training
    // rows exactly in index order, which the tie rule below relies on.
    for (int i0 = 0; i0 < train.length; i0 += TILE) {
      int m = Math.min(TILE, train.length - i0);
      for (int q = 0; q < te.length; q++) {
        metric.distances(te[q], columns, i0, m, tile);
        double[] dq = dist[q];
        int[] iq = idx[q];
        int f = filled[q];
        for (int b = 0; b < m; b++) {
          double d = tile[b];
          // Strictly nearer than the current k-th only: an equal distance never displaces an
          // earlier index, which gives the (distance, index) order.
          if (f == k && d >= dq[k - 1]) {
            continue;
          }
          int p = f < k ? f++ : k - 1;
          while (p > 0 && dq[p - 1] > d) {
            dq[p] = dq[p - 1];
            iq[p] = iq[p - 1];
            p--;
          }
          dq[p] = d;
          iq[p] = i0 + b;
        }
        filled[q] = f;
      }
    }
    return idx;
  }

  private static double[][] transpose(double[][] rows) {
    int d = rows[0].length;
    double[][] t = new double[d][rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("ragged rows: " + rows[i].length + " vs " + d);
      }
      for (int j = 0; j < d; j++) {
        t[j][i] = rows[i][j];
      }
    }
    return t;
  }

  /** Predicted labels of the test rows. */
  public int[] predict(double[][] train, int[] trainLabels, double[][] test) {
    if (trainLabels.length != train.length) {
      throw new IllegalArgumentException(
          trainLabels.length + " labels for " + train.length + " rows");
    }
    ClassLabels classes = ClassLabels.of(trainLabels);
    int[] encoded = classes.encode(trainLabels);
    int[][] nn = neighbours(train, test);
    int[] out = new int[test.length];
    int[] votes = new int[classes.count()];
    for (int q = 0; q < test.length; q++) {
      Arrays.fill(votes, 0);
      for (int i : nn[q]) {
        votes[encoded[i]]++;
      }
      int best = 0;
      for (int j = 1; j < votes.length; j++) {
        if (votes[j] > votes[best]) { // strict: a tie keeps the smaller label
          best = j;
        }
      }
      out[q] = classes.label(best);
    }
    return out;
  }

  /** Test accuracy in percent. */
  public double accuracy(double[][] train, int[] trainLabels, double[][] test, int[] testLabels) {
    return Accuracy.percent(predict(train, trainLabels, test), testLabels);
  }
}
