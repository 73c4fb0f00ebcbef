package org.mnist1d.workbench.probe;

import java.util.Arrays;

/**
 * The distinct labels seen in training, ascending, as scikit-learn's {@code classes_}: class index
 * {@code j} stands for {@code labels[j]}, so "smallest index" means "smallest label".
 */
public record ClassLabels(int[] labels) {

  /** The sorted distinct values of {@code y}. */
  public static ClassLabels of(int[] y) {
    if (y.length == 0) {
      throw new IllegalArgumentException("no labels");
    }
    return new ClassLabels(Arrays.stream(y).distinct().sorted().toArray());
  }

  /** Number of classes. */
  public int count() {
    return labels.length;
  }

  /** The class index of {@code label}; throws if it was not seen in training. */
  public int indexOf(int label) {
    int j = Arrays.binarySearch(labels, label);
    if (j < 0) {
      throw new IllegalArgumentException("label " + label + " not among the training labels");
    }
    return j;
  }

  /** Class indices of all of {@code y}. */
  public int[] encode(int[] y) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = indexOf(y[i]);
    }
    return out;
  }

  /** The label of class index {@code j}. */
  public int label(int j) {
    return labels[j];
  }
}
