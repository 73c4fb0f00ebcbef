package org.mnist1d.workbench.embedding;

/**
 * The k nearest other points of every point (Euclidean), found exactly by comparing all pairs.
 *
 * <p>Row {@code i} of {@code indices} lists the neighbours of point {@code i} nearest first, and
 * the same row of {@code squaredDistances} their squared distances; a point is never its own
 * neighbour. Equal distances are ordered by the smaller index first. The arrays are shared, not
 * copied: treat them as read-only.
 */
public record NearestNeighbours(int[][] indices, double[][] squaredDistances) {

  /** The number of neighbours per point. */
  public int k() {
    return indices.length == 0 ? 0 : indices[0].length;
  }

  /** The exact k nearest neighbours of every row of {@code x}, over {@code threads} threads. */
  public static NearestNeighbours exact(double[][] x, int k, int threads) {
    int n = x.length;
    if (k < 1 || k > n - 1) {
      throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "], got " + k);
    }
    int[][] indices = new int[n][k];
    double[][] distances = new double[n][k];
    try (ParallelRows rows = new ParallelRows(threads)) {
      rows.forEach(
          n,
          (from, to, worker) -> {
            for (int i = from; i < to; i++) {
              nearestOf(x, i, indices[i], distances[i]);
            }
          });
    }
    return new NearestNeighbours(indices, distances);
  }

  /** The squared Euclidean distance, summed coordinate by coordinate. */
  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      s += diff * diff;
    }
    return s;
  }

  /**
   * Fills {@code index}/{@code dist} with the nearest others of point {@code i}, by insertion into
   * a sorted list of the best so far: a candidate is compared only with the current worst, so
   * almost all of the n candidates cost one comparison.
   */
  private static void nearestOf(double[][] x, int i, int[] index, double[] dist) {
    int k = index.length;
    int filled = 0;
    for (int j = 0; j < x.length; j++) {
      if (j == i) {
        continue;
      }
      double d = squaredDistance(x[i], x[j]);
      // Candidates come in increasing index, so "not strictly nearer" keeps the smaller index
      // first.
      if (filled == k && d >= dist[k - 1]) {
        continue;
      }
      int pos = filled == k ? k - 1 : filled++;
      while (pos > 0 && dist[pos - 1] > d) {
        dist[pos] = dist[pos - 1];
        index[pos] = index[pos - 1];
        pos--;
      }
      dist[pos] = d;
      index[pos] = j;
    }
  }
}
