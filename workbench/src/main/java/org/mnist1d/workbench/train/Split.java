package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mnist1d.workbench.nn.ArrayValues;

/**
 * Inputs and labels as NDArrays: {@code x} (N x L), {@code negTargets} = -onehot(y)/N (so the mean
 * cross-entropy is {@code sum(logSoftmax(logits) * negTargets)}, with no scalar arithmetic) and
 * {@code labels} (N, as floats for comparing with argmax).
 */
public record Split(NDArray x, NDArray negTargets, NDArray labels) {

  /** Rows {@code [from, to)} of {@code x}, {@code y}, on {@code manager}. */
  public static Split of(
      NDManager manager, double[][] x, int[] y, int from, int to, int classes, DataType type) {
    int n = to - from;
    int d = x[0].length;
    double[] xs = new double[n * d];
    double[] targets = new double[n * classes];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[from + i], 0, xs, i * d, d);
      targets[i * classes + y[from + i]] = -1.0 / n;
      labels[i] = y[from + i];
    }
    return new Split(
        ArrayValues.of(manager, xs, new Shape(n, d), type),
        ArrayValues.of(manager, targets, new Shape(n, classes), type),
        ArrayValues.of(manager, labels, new Shape(n), DataType.FLOAT32));
  }

  /** Mean cross-entropy of {@code logits} against these labels (differentiable). */
  public NDArray loss(NDArray logits) {
    return lossOfLogProbabilities(logits.logSoftmax(1));
  }

  /**
   * Mean cross-entropy given {@code logSoftmax(logits)}: {@code sum(logProbs * negTargets)}, so its
   * gradient with respect to {@code logProbs} is {@code negTargets}.
   */
  public NDArray lossOfLogProbabilities(NDArray logProbs) {
    return logProbs.mul(negTargets).sum();
  }

  /** Percentage of rows whose argmax of {@code logits} is the label. */
  public double accuracy(NDArray logits) {
    return 100.0 * correct(logits) / labels.size();
  }

  /** How many rows {@code logits} classify correctly. */
  public long correct(NDArray logits) {
    try (NDArray predicted = logits.argMax(1).toType(DataType.FLOAT32, false);
        NDArray correct = predicted.eq(labels);
        NDArray count = correct.sum()) {
      return count.toType(DataType.INT64, false).getLong();
    }
  }

  /** Number of rows. */
  public long size() {
    return labels.size();
  }
}
