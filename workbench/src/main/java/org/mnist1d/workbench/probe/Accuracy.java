package org.mnist1d.workbench.probe;

/** Classification accuracy in percent, the unit the workbench reports accuracies in. */
public final class Accuracy {
  private Accuracy() {}

  /** Percentage of positions where {@code predicted} equals {@code truth}. */
  public static double percent(int[] predicted, int[] truth) {
    if (predicted.length != truth.length) {
      throw new IllegalArgumentException(
          predicted.length + " predictions for " + truth.length + " labels");
    }
    if (truth.length == 0) {
      throw new IllegalArgumentException("no examples");
    }
    int correct = 0;
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i] == truth[i]) {
        correct++;
      }
    }
    return 100.0 * correct / truth.length;
  }
}
