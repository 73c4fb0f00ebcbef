package org.mnist1d.workbench.probe;

/**
 * Standardisation followed by logistic regression, as {@code make_pipeline(StandardScaler(),
 * LogisticRegression(...))}: the scaler is fitted on the training rows and applied to every row the
 * model sees.
 */
public record LinearProbe(Standardizer scaler, LogisticModel model) {

  /** Fits the scaler, then {@code probe} on the standardised training rows. */
  public static LinearProbe fit(LogisticProbe probe, double[][] x, int[] y) {
    Standardizer scaler = Standardizer.fit(x);
    return new LinearProbe(scaler, probe.fit(scaler.transform(x), y));
  }

  /** Predicted labels of raw (unscaled) rows. */
  public int[] predict(double[][] x) {
    return model.predict(scaler.transform(x));
  }

  /** Accuracy on raw labelled rows, in percent. */
  public double accuracy(double[][] x, int[] labels) {
    return Accuracy.percent(predict(x), labels);
  }
}
