package org.mnist1d.workbench.embedding;

import java.util.Arrays;

/** Measures of how well an embedding keeps the classes apart. */
public final class EmbeddingQuality {
  private EmbeddingQuality() {}

  /**
   * Leave-one-out k-nearest-neighbour accuracy: the fraction of points whose label is the majority
   * label among their k nearest other points (Euclidean) in {@code y}. Among equally distant points
   * the smaller index counts as nearer; a tied vote goes to the smallest label among the tied ones
   * (scikit-learn's and scipy.stats.mode's rule). Labels must be >= 0.
   */
  public static double knnAccuracy(double[][] y, int[] labels, int k) {
    int n = y.length;
    if (labels.length != n) {
      throw new IllegalArgumentException(n + " points but " + labels.length + " labels");
    }
    int classes = 0;
    for (int label : labels) {
      if (label < 0) {
        throw new IllegalArgumentException("labels must be >= 0, got " + label);
      }
      classes = Math.max(classes, label + 1);
    }
    int[][] nearest = NearestNeighbours.exact(y, k, 1).indices();
    int[] votes = new int[classes];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(votes, 0);
      for (int j : nearest[i]) {
        votes[labels[j]]++;
      }
      int winner = 0;
      for (int c = 1; c < classes; c++) {
        if (votes[c] > votes[winner]) {
          winner = c;
        }
      }
      correct += winner == labels[i] ? 1 : 0;
    }
    return (double) correct / n;
  }
}
