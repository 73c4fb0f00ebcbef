package org.mnist1d.workbench.embedding;

/** Starting layouts for t-SNE. */
public final class Initialisation {
  /** openTSNE scales its PCA layout so that the first coordinate has this standard deviation. */
  public static final double PCA_FIRST_STD = 1e-4;

  private Initialisation() {}

  /**
   * openTSNE's default initialisation: the top principal-component scores, all divided by one
   * factor so the first coordinate has (population) standard deviation 1e-4. A small start lets
   * early exaggeration gather the clusters before the points spread out.
   */
  public static double[][] pca(double[][] x, int dimensions) {
    double[][] y = Pca.fit(x, dimensions).transform(x);
    double mean = 0;
    for (double[] row : y) {
      mean += row[0];
    }
    mean /= y.length;
    double var = 0;
    for (double[] row : y) {
      var += (row[0] - mean) * (row[0] - mean);
    }
    double std = Math.sqrt(var / y.length);
    if (!(std > 0)) {
      throw new IllegalArgumentException("the data has no variance along its first principal axis");
    }
    double factor = std / PCA_FIRST_STD;
    for (double[] row : y) {
      for (int d = 0; d < row.length; d++) {
        row[d] /= factor;
      }
    }
    return y;
  }
}
