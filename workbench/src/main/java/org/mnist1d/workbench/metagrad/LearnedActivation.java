package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;
import org.mnist1d.workbench.nn.Scalars;

/**
 * The published learned activation {@code act(z) = elu(z) + scale * g(z)}, where {@code g} is a
 * 1-G-1 MLP with a tanh hidden layer plus a noise row {@code v} (1 x G) after the tanh: {@code g(z)
 * = w2 . (tanh(w1 z + b1) + v) + b2}.
 *
 * <p>Its parameters are one flat hyperparameter vector {@code [w1 (G), b1 (G), w2 (G), b2 (1)]},
 * the layout of PyTorch's {@code Linear(1,G)} and {@code Linear(G,1)} flattened.
 *
 * <p>The derivative is fused: {@code g'(z) = sum_k w2_k w1_k (1 - tanh^2(a_k))} is computed as
 * matrix products of the N x G hidden tensor with the G-vector {@code w1*w2}, never as elementwise
 * products and a sum; tanh is evaluated through a sigmoid (faster on the CPU).
 */
public record LearnedActivation(int slot, int width, double scale) implements ActivationFunction {

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
    // tanh(a) = 1 - 2 r with r = sigmoid(-2a): sigmoid is several times faster than tanh on the
    // CPU, and the factors fold into the small layers. Then, with u = w1 * w2:
    //   scale * g(z)  = (-2 scale w2) . r + scale (sum(w2) + w2 . v + b2)
    //   scale * g'(z) = scale sum_k u_k (1 - tanh^2) = 4 scale sum_k u_k (r_k - r_k^2)
    NDList parts = hyper.get(slot).split(new long[] {width, 2L * width, 3L * width});
    NDArray w1 = parts.get(0);
    NDArray w2 = parts.get(2);
    NDArray inner = w1.mul(c.of(-2)).reshape(width, 1);
    NDArray innerBias = parts.get(1).mul(c.of(-2));
    NDArray slopeWeights = w1.mul(w2).mul(c.of(4 * scale));
    // Both outputs that read r come from one product with a 2 x G weight, so the backward pass
    // writes the N x G gradient of r once instead of twice.
    NDArray both = NDArrays.stack(new NDList(w2.mul(c.of(-2 * scale)), slopeWeights)); // 2 x G
    NDArray offset =
        noise.activation() == null
            ? w2.sum()
            : w2.sum().add(noise.activation().reshape(width).mul(w2).sum());
    NDArray bothBias =
        NDArrays.stack(
            new NDList(
                offset.add(parts.get(3).reshape(new Shape())).mul(c.of(scale)),
                offset.zerosLike()));

    Shape shape = z.getShape();
    NDArray r =
        ai.djl.nn.Activation.sigmoid(
            Linear.linear(z.reshape(-1, 1), inner, innerBias).singletonOrThrow()); // N x G
    NDList columns = Linear.linear(r, both, bothBias).singletonOrThrow().split(2, 1); // N x 1 each
    NDArray g = columns.get(0);
    NDArray slopeOfG =
        columns
            .get(1)
            .sub(Linear.linear(r.square(), slopeWeights.reshape(1, width)).singletonOrThrow());

    NDArray value = ai.djl.nn.Activation.elu(z, 1f).add(g.reshape(shape));
    NDArray slope = ActivationFunctions.eluSlope(z, c).add(slopeOfG.reshape(shape));
    return new NDList(value, slope);
  }
}
