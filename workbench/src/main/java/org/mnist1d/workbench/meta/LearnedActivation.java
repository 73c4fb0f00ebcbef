package org.mnist1d.workbench.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;

/**
 * The published learned activation {@code act(z) = elu(z) + scale * g(z)}, where {@code g} is a
 * 1-G-1 MLP with a tanh hidden layer plus a noise row {@code v} (1 x G) after the tanh:
 * {@code g(z) = w2 . (tanh(w1 z + b1) + v) + b2}.
 *
 * <p>Its parameters are one flat hyperparameter vector {@code [w1 (G), b1 (G), w2 (G), b2 (1)]},
 * the layout of PyTorch's {@code Linear(1,G)} and {@code Linear(G,1)} flattened.
 *
 * <p>The derivative is fused: {@code g'(z) = sum_k w2_k w1_k (1 - tanh^2(a_k))} is one matrix
 * product of {@code tanh^2} (N x G) with {@code -w1*w2}, with {@code sum(w1*w2)} as the bias, so
 * the N x G hidden tensor is touched by three operations only (tanh, square, two products).
 */
public record LearnedActivation(int slot, int width, double scale) implements Activation {

  /** The published setup: 100 hidden units, scale 0.2. */
  public static LearnedActivation published(int slot) {
    return new LearnedActivation(slot, 100, 0.2);
  }

  @Override
  public String name() {
    return "learned";
  }

  @Override
  public int noiseWidth() {
    return width;
  }

  /** Number of hyperparameters: {@code 3G + 1}. */
  public int size() {
    return 3 * width + 1;
  }

  /** PyTorch's default initialisation of {@code Linear(1,G)} and {@code Linear(G,1)}. */
  public double[] initialize(SplittableRandom random) {
    double[] p = new double[size()];
    double bound1 = 1.0; // 1/sqrt(fan_in = 1)
    double bound2 = 1.0 / Math.sqrt(width);
    for (int k = 0; k < 2 * width; k++) {
      p[k] = bound1 * (2 * random.nextDouble() - 1);
    }
    for (int k = 2 * width; k < size(); k++) {
      p[k] = bound2 * (2 * random.nextDouble() - 1);
    }
    return p;
  }

  @Override
  public NDList valueAndSlope(NDArray z, NDList hyper, StepNoise noise, Scalars c) {
    NDList parts = hyper.get(slot).split(new long[] {width, 2L * width, 3L * width});
    NDArray w1 = parts.get(0).reshape(width, 1);
    NDArray b1 = parts.get(1);
    // Fold the scale into the small output layer rather than into the N-element outputs.
    NDArray w2flat = parts.get(2).mul(c.of(scale));
    NDArray w2 = w2flat.reshape(1, width);
    NDArray b2 = parts.get(3).mul(c.of(scale));
    NDArray bias = noise.activation() == null ? b2 : Linear.linear(noise.activation(), w2, b2).singletonOrThrow().reshape(1);

    Shape shape = z.getShape();
    NDArray column = z.reshape(-1, 1);
    NDArray hidden = Linear.linear(column, w1, b1).singletonOrThrow().tanh(); // N x G
    NDArray g = Linear.linear(hidden, w2, bias).singletonOrThrow(); // N x 1

    NDArray w1w2 = parts.get(0).mul(w2flat); // G
    NDArray slopeOfG = Linear.linear(hidden.square(), w1w2.neg().reshape(1, width), w1w2.sum().reshape(1))
        .singletonOrThrow(); // N x 1: sum_k w1w2_k (1 - tanh^2)

    NDArray value = ai.djl.nn.Activation.elu(z, 1f).add(g.reshape(shape));
    NDArray slope = Activations.eluSlope(z, c).add(slopeOfG.reshape(shape));
    return new NDList(value, slope);
  }
}
