package org.mnist1d.workbench.experiments.tsne;

/**
 * What is embedded: one row per point, its class and the split it came from.
 *
 * @param x the points (rows of equal length)
 * @param labels their classes (0 to 9)
 * @param splits "train" or "test" for each point
 * @param description what the rows are, for titles ("MNIST-1D inputs (40-D)")
 */
public record Points(double[][] x, int[] labels, String[] splits, String description) {
  public Points {
    if (x.length != labels.length || x.length != splits.length) {
      throw new IllegalArgumentException(
          x.length + " points, " + labels.length + " labels, " + splits.length + " splits");
    }
  }

  /** Train rows then test rows, as the upstream t-SNE notebook concatenates them. */
  static Points of(
      double[][] x, int[] y, double[][] xTest, int[] yTest, String split, String description) {
    boolean train = !split.equals("test");
    boolean test = !split.equals("train");
    int n = (train ? x.length : 0) + (test ? xTest.length : 0);
    double[][] rows = new double[n][];
    int[] labels = new int[n];
    String[] splits = new String[n];
    int k = 0;
    if (train) {
      for (int i = 0; i < x.length; i++, k++) {
        rows[k] = x[i];
        labels[k] = y[i];
        splits[k] = "train";
      }
    }
    if (test) {
      for (int i = 0; i < xTest.length; i++, k++) {
        rows[k] = xTest[i];
        labels[k] = yTest[i];
        splits[k] = "test";
      }
    }
    return new Points(rows, labels, splits, description);
  }

  /** The number of points. */
  public int size() {
    return x.length;
  }

  /** The points' dimension. */
  public int dimensions() {
    return x.length == 0 ? 0 : x[0].length;
  }

  /**
   * {@code count} points drawn without replacement, kept in their order: the first {@code count} of
   * NumPy's {@code np.random.seed(seed); np.random.permutation(n)}, sorted. All of them when {@code
   * count} is 0 or at least the size.
   */
  Points subsample(int count, long seed) {
    if (count <= 0 || count >= size()) {
      return this;
    }
    int[] chosen =
        java.util.Arrays.copyOf(new org.mnist1d.LegacyRandom(seed).permutation(size()), count);
    java.util.Arrays.sort(chosen);
    double[][] rows = new double[count][];
    int[] l = new int[count];
    String[] s = new String[count];
    for (int i = 0; i < count; i++) {
      rows[i] = x[chosen[i]];
      l[i] = labels[chosen[i]];
      s[i] = splits[chosen[i]];
    }
    return new Points(rows, l, s, description);
  }
}
