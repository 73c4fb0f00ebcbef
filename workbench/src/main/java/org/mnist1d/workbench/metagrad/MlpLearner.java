package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;

/**
 * The inner learner: an MLP {@code D-H-O} on a flat parameter vector, cross-entropy loss, and its
 * gradient written out explicitly so that an inner optimisation step is an ordinary first-order
 * graph in the parameters and the hyperparameters.
 *
 * <p>Forward: {@code z = x W1^T + b1; h = act(z) + u; logits = h W2^T + b2}, with {@code u} the
 * step's hidden noise row (or none). The flat layout is PyTorch's: {@code [W1 (H x D), b1 (H), W2
 * (O x H), b2 (O)]}, row-major.
 */
public record MlpLearner(
    int inputs, int hidden, int outputs, ActivationFunction activation, double hiddenNoise) {

  /** Number of parameters. */
  public int size() {
    return hidden * inputs + hidden + outputs * hidden + outputs;
  }

  /** PyTorch's default {@code nn.Linear} initialisation: uniform in +-1/sqrt(fan_in). */
  public double[] initialize(SplittableRandom random) {
    double[] p = new double[size()];
    int i = 0;
    double b1 = 1.0 / Math.sqrt(inputs);
    for (int k = 0; k < hidden * inputs + hidden; k++) {
      p[i++] = b1 * (2 * random.nextDouble() - 1);
    }
    double b2 = 1.0 / Math.sqrt(hidden);
    for (int k = 0; k < outputs * hidden + outputs; k++) {
      p[i++] = b2 * (2 * random.nextDouble() - 1);
    }
    return p;
  }

  /**
   * Draws one forward pass's noise rows: uniform in [-a, a) for the hidden layer and activation.
   */
  public StepNoise sampleNoise(NDManager manager, SplittableRandom random, DataType type) {
    NDArray h = hiddenNoise > 0 ? row(manager, random, hidden, hiddenNoise, type) : null;
    int w = activation.noiseWidth();
    NDArray a = w > 0 ? row(manager, random, w, 0.1, type) : null;
    return new StepNoise(h, a);
  }

  private static NDArray row(
      NDManager manager, SplittableRandom random, int width, double amp, DataType type) {
    double[] v = new double[width];
    for (int k = 0; k < width; k++) {
      v[k] = amp * (2 * random.nextDouble() - 1);
    }
    return ArrayValues.of(manager, v, new Shape(1, width), type);
  }

  /**
   * The loss and its explicit gradient with respect to {@code theta}: {@code [loss (0-d), grad]}.
   */
  public NDList lossAndGradient(
      NDArray theta, NDList hyper, Batch batch, StepNoise noise, Scalars c) {
    NDList p =
        theta.split(
            new long[] {
              (long) hidden * inputs,
              (long) hidden * inputs + hidden,
              (long) hidden * inputs + hidden + (long) outputs * hidden
            });
    NDArray w1 = p.get(0).reshape(hidden, inputs);
    NDArray w2 = p.get(2).reshape(outputs, hidden);

    NDArray z = Linear.linear(batch.x(), w1, p.get(1)).singletonOrThrow();
    NDList act = activation.valueAndSlope(z, hyper, noise, c);
    NDArray h = noise.hidden() == null ? act.get(0) : act.get(0).add(noise.hidden());
    NDArray logits = Linear.linear(h, w2, p.get(3)).singletonOrThrow();

    NDArray logProbs = logits.logSoftmax(1);
    NDArray loss = logProbs.mul(batch.negTargets()).sum();
    NDArray dLogits = logProbs.exp().mul(batch.invSize()).add(batch.negTargets()); // B x O

    NDArray dW2 = dLogits.transpose().matMul(h); // O x H
    NDArray db2 = dLogits.sum(new int[] {0});
    NDArray dz = dLogits.matMul(w2).mul(act.get(1)); // B x H
    NDArray dW1 = dz.transpose().matMul(batch.x()); // H x D
    NDArray db1 = dz.sum(new int[] {0});
    NDArray grad = NDArrays.concat(new NDList(dW1.reshape(-1), db1, dW2.reshape(-1), db2));
    return new NDList(loss, grad);
  }

  /** The logits for inputs {@code x} (no gradient bookkeeping; for evaluation). */
  public NDArray logits(NDArray theta, NDList hyper, NDArray x, StepNoise noise, Scalars c) {
    NDList p =
        theta.split(
            new long[] {
              (long) hidden * inputs,
              (long) hidden * inputs + hidden,
              (long) hidden * inputs + hidden + (long) outputs * hidden
            });
    NDArray z = Linear.linear(x, p.get(0).reshape(hidden, inputs), p.get(1)).singletonOrThrow();
    NDArray a = activation.valueAndSlope(z, hyper, noise, c).get(0);
    NDArray h = noise.hidden() == null ? a : a.add(noise.hidden());
    return Linear.linear(h, p.get(2).reshape(outputs, hidden), p.get(3)).singletonOrThrow();
  }
}
