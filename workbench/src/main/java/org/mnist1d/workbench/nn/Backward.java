package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * Backpropagation from a non-scalar output with a given seed: adds {@code d(sum(output * seed)) / d
 * leaf} to every leaf's gradient, as {@code output.backward(seed)} does in PyTorch.
 *
 * <p>Why: DJL's {@link GradientCollector#backward} only seeds a scalar with ones, so a loss that is
 * linear in the output (the cross-entropy {@code sum(logSoftmax(z) * negTargets)}) must be built in
 * the graph as a product and a sum, and backpropagated through both. Seeding the log-probabilities
 * with {@code negTargets} instead gives the same gradients bit for bit (the product's and the sum's
 * backward multiply by one) with two operations and their backward nodes fewer.
 */
public final class Backward {
  private Backward() {}

  /**
   * Accumulates the gradient of {@code sum(output * seed)} into the leaves {@code output} depends
   * on; {@code output} must have been computed inside {@code collector}, and the graph is freed
   * afterwards. {@code seed} has the shape and type of {@code output}.
   */
  public static void seeded(GradientCollector collector, NDArray output, NDArray seed) {
    if (output instanceof PtNDArray out && seed instanceof PtNDArray s) {
      // the engine's own backward takes the seed; no create-graph, so nothing is retained
      JniUtils.backward(out, s, false, false);
      return;
    }
    // another engine: the same gradient through the explicit product and sum
    collector.backward(output.mul(seed).sum());
  }
}
