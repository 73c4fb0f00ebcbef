package org.mnist1d.workbench.probe;

/**
 * The upstream notebook's two probe scores of a feature set: fit on the training rows, return the
 * test accuracy in percent.
 */
public final class ProbeAccuracy {
  private ProbeAccuracy() {}

  /** {@code KNeighborsClassifier(n_neighbors=10, metric=...)} test accuracy, in percent. */
  public static double nearestNeighbours(
      Metric metric, double[][] train, int[] trainLabels, double[][] test, int[] testLabels) {
    return NearestNeighbours.upstream(metric).accuracy(train, trainLabels, test, testLabels);
  }

  /**
   * {@code make_pipeline(StandardScaler(), LogisticRegression(tol=1e-2, max_iter=1000))} test
   * accuracy, in percent.
   */
  public static double linear(
      double[][] train, int[] trainLabels, double[][] test, int[] testLabels) {
    return LinearProbe.fit(LogisticProbe.upstream(), train, trainLabels).accuracy(test, testLabels);
  }
}
