package org.mnist1d.workbench.probe;

import java.util.Arrays;

/**
 * k-nearest-neighbour classification by majority vote, as scikit-learn's
 * {@code KNeighborsClassifier(n_neighbors=k, weights='uniform')} with brute-force search.
 *
 * <p>Ties: the k nearest are the first k in (distance, training index) order, so among equally
 * distant training points the earlier ones win; a tied vote goes to the smallest label. Both
 * agree with scikit-learn 1.2.1's Euclidean search and its {@code scipy.stats.mode} vote. Its
 * cosine search ({@code np.argpartition}) picks among points tied at the k-th distance in an
 * unspecified order, which only matters for exact duplicates (see the tests' tie case).
 */
public record NearestNeighbours(int k, Metric metric) {

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
      throw new IllegalArgumentException("k = " + k + " exceeds the " + train.length + " training rows");
    }
    double[][] tr = metric.prepare(train);
    double[][] te = metric.prepare(test);
    int[][] out = new int[te.length][];
    int[] idx = new int[k];
    double[] dist = new double[k];
    for (int q = 0; q < te.length; q++) {
      double[] row = te[q];
      int filled = 0;
      for (int i = 0; i < tr.length; i++) {
        double d = metric.distance(row, tr[i]);
        // Strictly nearer than the current k-th only: an equal distance never displaces an
        // earlier index, which gives the (distance, index) order.
        if (filled == k && d >= dist[k - 1]) {
          continue;
        }
        int p = filled < k ? filled++ : k - 1;
        while (p > 0 && dist[p - 1] > d) {
          dist[p] = dist[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        dist[p] = d;
        idx[p] = i;
      }
      out[q] = idx.clone();
    }
    return out;
  }

  /** Predicted labels of the test rows. */
  public int[] predict(double[][] train, int[] trainLabels, double[][] test) {
    if (trainLabels.length != train.length) {
      throw new IllegalArgumentException(trainLabels.length + " labels for " + train.length + " rows");
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
