package org.mnist1d.workbench.embedding;

/**
 * Principal component analysis: the top components of centred data, computed exactly (Jacobi
 * eigen-decomposition of the covariance matrix; above 256 features, subspace iteration for the top
 * components to 1e-11), with scikit-learn's sign convention.
 *
 * <p>Signs follow scikit-learn's {@code svd_flip} on U (its PCA up to version 1.4): each component
 * is oriented so that, among the fitted points' scores on it, the one of largest absolute value
 * (the first such point in a tie) is positive.
 *
 * @param mean the per-feature mean of the fitted data
 * @param components {@code components[c]} is the c-th unit principal axis
 * @param explainedVariance the variance of the fitted scores along each axis (divisor n - 1)
 */
public record Pca(double[] mean, double[][] components, double[] explainedVariance) {

  /** Up to this many features the covariance is fully decomposed (Jacobi). */
  static final int FULL_DECOMPOSITION_MAX = 256;

  /** The top {@code count} principal components of the rows of {@code x}. */
  public static Pca fit(double[][] x, int count) {
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 points, got " + n);
    }
    int d = x[0].length;
    if (count < 1 || count > d) {
      throw new IllegalArgumentException("components must be in [1, " + d + "], got " + count);
    }
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int f = 0; f < d; f++) {
        mean[f] += row[f];
      }
    }
    for (int f = 0; f < d; f++) {
      mean[f] /= n;
    }
    double[][] cov = new double[d][d];
    double[] centred = new double[d];
    for (double[] row : x) {
      for (int f = 0; f < d; f++) {
        centred[f] = row[f] - mean[f];
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] += centred[a] * centred[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= n - 1;
        cov[b][a] = cov[a][b];
      }
    }
    // Jacobi for a few dozen features (exact to rounding, as tested against scikit-learn);
    // beyond, only the top components by subspace iteration (image pixels: 784 features)
    SymmetricEigen eigen =
        d <= FULL_DECOMPOSITION_MAX ? SymmetricEigen.of(cov) : SymmetricEigen.top(cov, count);
    double[][] components = new double[count][];
    double[] variance = new double[count];
    for (int c = 0; c < count; c++) {
      components[c] = eigen.vectors()[c].clone();
      variance[c] = eigen.values()[c];
    }
    Pca pca = new Pca(mean, components, variance);
    // Flipping in place: the record shares the arrays.
    orientLikeScikitLearn(pca.transform(x), components);
    return pca;
  }

  /** The scores of the rows of {@code x}: (x - mean) projected on each component. */
  public double[][] transform(double[][] x) {
    double[][] scores = new double[x.length][components.length];
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < components.length; c++) {
        double s = 0;
        for (int f = 0; f < mean.length; f++) {
          s += (x[i][f] - mean[f]) * components[c][f];
        }
        scores[i][c] = s;
      }
    }
    return scores;
  }

  /** Flips each component whose largest-magnitude score (first of ties) is negative. */
  private static void orientLikeScikitLearn(double[][] scores, double[][] components) {
    for (int c = 0; c < components.length; c++) {
      int largest = 0;
      for (int i = 1; i < scores.length; i++) {
        if (Math.abs(scores[i][c]) > Math.abs(scores[largest][c])) {
          largest = i;
        }
      }
      if (scores[largest][c] < 0) {
        for (int f = 0; f < components[c].length; f++) {
          components[c][f] = -components[c][f];
        }
      }
    }
  }
}
