package org.mnist1d.workbench.experiments.metalearnlr;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.mnist1d.Mnist1dData;
import org.mnist1d.workbench.metagrad.ActivationFunctions;
import org.mnist1d.workbench.metagrad.Batches;
import org.mnist1d.workbench.metagrad.InnerLoop;
import org.mnist1d.workbench.metagrad.InnerSgd;
import org.mnist1d.workbench.metagrad.LearningRate;
import org.mnist1d.workbench.metagrad.Metagradient;
import org.mnist1d.workbench.metagrad.MlpLearner;
import org.mnist1d.workbench.metagrad.SgdLearningRateTangent;
import org.mnist1d.workbench.metagrad.StepNoise;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;

/**
 * The published learning-rate metalearning setup: an MLP 40-H-10 (tanh) trained by plain SGD for
 * {@code steps} steps of batch {@code batch}; the meta-loss is the mean of all inner losses and the
 * hyperparameter is the scalar learning rate. The inner model starts from the same initialisation
 * (drawn from {@code seed}) at every outer step, as in the reference.
 */
public final class LearningRateProblem implements AutoCloseable {
  /** The setup's numbers; {@link #published()} gives the paper's. */
  public record Settings(int hidden, int batch, int steps, long seed, DataType type) {
    /** MLP 40-50-10, batch 50, 200 steps, seed 0, float32. */
    public static Settings published() {
      return new Settings(50, 50, 200, 0L, DataType.FLOAT32);
    }
  }

  private final NDManager manager;
  private final Scalars constants;
  private final InnerLoop loop;
  private final SgdLearningRateTangent tangent;
  private final Batches batches;
  private final NDArray theta0;
  private final List<StepNoise> noise;

  /** Prepares the data and the fixed initialisation, on the engine's default device. */
  public LearningRateProblem(Mnist1dData data, Settings s) {
    this(data, s, Engine.getInstance().defaultDevice());
  }

  /** Prepares the data and the fixed initialisation, on {@code device}. */
  public LearningRateProblem(Mnist1dData data, Settings s, Device device) {
    manager = NDManager.newBaseManager(device);
    constants = new Scalars(manager, s.type());
    int inputs = data.x()[0].length;
    MlpLearner learner =
        new MlpLearner(inputs, s.hidden(), 10, ActivationFunctions.named("tanh"), 0.0);
    loop = new InnerLoop(learner, new InnerSgd(), LearningRate.learned(0), s.steps(), s.steps());
    batches = new Batches(manager, data.x(), data.y(), 10, s.batch(), s.type());
    theta0 =
        ArrayValues.vector(manager, learner.initialize(new SplittableRandom(s.seed())), s.type());
    noise = Collections.nCopies(s.steps(), StepNoise.NONE);
    tangent = new SgdLearningRateTangent(loop, batches, manager);
  }

  /**
   * One inner run at {@code lr} with its exact metagradient d(meta-loss)/d(lr), by forward mode:
   * one scalar hyperparameter and plain SGD make it the cheapest exact route (see {@link
   * SgdLearningRateTangent}; {@link #reverseMode} gives the same by {@link Metagradient}).
   */
  public OuterStep outerStep(double lr) {
    SgdLearningRateTangent.Result r = tangent.compute(theta0, lr, noise, constants);
    return new OuterStep(r.metaLoss(), r.gradient(), r.losses());
  }

  /**
   * {@link #outerStep} by reverse mode through the recorded loop (the general route; for checks).
   */
  public OuterStep reverseMode(double lr) {
    try (NDManager step = manager.newSubManager()) {
      NDList hyper = new NDList(ArrayValues.vector(step, new double[] {lr}, constants.type()));
      // The whole loop is small: record it once, no separate forward pass.
      Metagradient.Result r =
          Metagradient.compute(
              loop, theta0, hyper, batches, noise, Integer.MAX_VALUE, constants, step);
      return new OuterStep(r.metaLoss(), r.gradients()[0][0], r.losses());
    }
  }

  /** The meta-loss, the metagradient and the inner losses of one outer step. */
  public record OuterStep(double metaLoss, double gradient, double[] losses) {
    /** The last inner loss. */
    public double finalLoss() {
      return losses[losses.length - 1];
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
