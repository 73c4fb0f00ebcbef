package org.mnist1d;

/** The ten hand-made MNIST-1D digit templates, normalised as the reference does. */
public final class Templates {
  private Templates() {}

  /** Number of digit classes. */
  public static final int CLASSES = 10;

  /** Points per template. */
  public static final int LENGTH = 12;

  private static final double[][] RAW = {
    {5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5},
    {5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5},
    {5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5},
    {5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5},
    {5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5},
    {5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5},
    {5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5},
    {5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5},
    {5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5},
    {5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5},
  };

  /**
   * Template of each digit (10 x 12): minus its mean, over its population standard deviation, minus
   * its first value (so it starts at 0), over 6.
   */
  public static double[][] x() {
    double[][] out = new double[CLASSES][];
    for (int d = 0; d < CLASSES; d++) {
      double[] row = RAW[d].clone();
      double mean = 0;
      for (double v : row) {
        mean += v;
      }
      mean /= row.length;
      double var = 0;
      for (int i = 0; i < row.length; i++) {
        row[i] -= mean;
        var += row[i] * row[i];
      }
      double std = Math.sqrt(var / row.length);
      for (int i = 0; i < row.length; i++) {
        row[i] /= std;
      }
      double first = row[0];
      for (int i = 0; i < row.length; i++) {
        row[i] = (row[i] - first) / 6.0;
      }
      out[d] = row;
    }
    return out;
  }

  /** Time axis of a template: {@code linspace(-5, 5, 12) / 6}. */
  public static double[] t() {
    double[] t = LinearInterpolation.linspace(-5, 5, LENGTH);
    for (int i = 0; i < t.length; i++) {
      t[i] /= 6.0;
    }
    return t;
  }

  /** Labels, 0..9, in template order. */
  public static int[] y() {
    int[] y = new int[CLASSES];
    for (int i = 0; i < CLASSES; i++) {
      y[i] = i;
    }
    return y;
  }
}
