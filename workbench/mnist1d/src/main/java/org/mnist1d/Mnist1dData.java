package org.mnist1d;

/**
 * A generated MNIST-1D dataset: train and test inputs (rows of positions), labels, time axis.
 *
 * <p>Rows are shared, not copied: treat the arrays as read-only.
 */
public record Mnist1dData(double[][] x, int[] y, double[][] xTest, int[] yTest, double[] t) {

  /** Positions per example. */
  public int seqLength() {
    return t.length;
  }

  /** Examples per label 0..9 in {@code labels}. */
  public static int[] classCounts(int[] labels) {
    int[] counts = new int[Templates.CLASSES];
    for (int y : labels) {
      counts[y]++;
    }
    return counts;
  }
}
