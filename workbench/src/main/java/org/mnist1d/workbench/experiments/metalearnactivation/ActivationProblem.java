package org.mnist1d.workbench.experiments.metalearnactivation;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mnist1d.Mnist1dData;
import org.mnist1d.workbench.metagrad.ActivationFunction;
import org.mnist1d.workbench.metagrad.ActivationFunctions;
import org.mnist1d.workbench.metagrad.Batches;
import org.mnist1d.workbench.metagrad.InnerLoop;
import org.mnist1d.workbench.metagrad.InnerRmsProp;
import org.mnist1d.workbench.metagrad.LearnedActivation;
import org.mnist1d.workbench.metagrad.LearningRate;
import org.mnist1d.workbench.metagrad.Metagradient;
import org.mnist1d.workbench.metagrad.MlpLearner;
import org.mnist1d.workbench.metagrad.StepNoise;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.nn.StepScope;

/**
 * The published activation metalearning setup: an MLP 40-128-10 whose hidden layer is {@code act(z)
 * + u} ({@code u} a noise row), trained by the RMSProp-like update for {@code steps} steps of batch
 * {@code batch}; the meta-loss is the mean of the last {@code window} inner losses and the
 * hyperparameters are the learned activation's.
 *
 * <p>Randomness, deterministic per seed: the inner initialisation comes from {@code
 * SplittableRandom(seed)}, the noise rows from {@code SplittableRandom(seed + 1)} and the
 * activation's initial parameters from {@code SplittableRandom(seed + 2)}; the inner ones are the
 * same at every outer step (the reference re-seeds its generator before each inner run, so its
 * noise repeats too). Evaluation draws one more noise row after the inner run's.
 */
public final class ActivationProblem implements AutoCloseable {
  /** The setup's numbers; {@link #published()} gives the paper's. */
  public record Settings(
      int hidden,
      int batch,
      int steps,
      int window,
      double innerLr,
      int activationWidth,
      int testExamples,
      int segment,
      long seed,
      DataType type) {
    /**
     * MLP 40-128-10, batch 100, 301 steps, last 200 counted, lr 0.01, g 1-100-1, 500 test examples.
     */
    public static Settings published() {
      return new Settings(128, 100, 301, 200, 0.01, 100, 500, 1, 0L, DataType.FLOAT32);
    }
  }

  private final Settings settings;
  private final NDManager manager;
  private final Scalars constants;
  private final Batches batches;
  private final NDArray testX;
  private final int[] testY;
  private final LearnedActivation learned;
  private final MlpLearner learnedLearner;
  private final List<StepNoise> noise;
  private final StepNoise evalNoise;
  private final int inputs;

  /** Prepares data, noise and the evaluation set, on the engine's default device. */
  public ActivationProblem(Mnist1dData data, Settings s) {
    this(data, s, Engine.getInstance().defaultDevice());
  }

  /** Prepares data, noise and the evaluation set, on {@code device}. */
  public ActivationProblem(Mnist1dData data, Settings s, Device device) {
    settings = s;
    manager = NDManager.newBaseManager(device);
    constants = new Scalars(manager, s.type());
    inputs = data.x()[0].length;
    batches = new Batches(manager, data.x(), data.y(), 10, s.batch(), s.type());
    int n = Math.min(s.testExamples(), data.xTest().length);
    double[] xs = new double[n * inputs];
    testY = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(data.xTest()[i], 0, xs, i * inputs, inputs);
      testY[i] = data.yTest()[i];
    }
    testX = ArrayValues.of(manager, xs, new Shape(n, inputs), s.type());
    learned = new LearnedActivation(0, s.activationWidth(), 0.2);
    learnedLearner = learner(learned);
    SplittableRandom random = new SplittableRandom(s.seed() + 1);
    noise = new ArrayList<>();
    for (int t = 0; t < s.steps(); t++) {
      noise.add(learnedLearner.sampleNoise(manager, random, s.type()));
    }
    evalNoise = learnedLearner.sampleNoise(manager, random, s.type());
  }

  private MlpLearner learner(ActivationFunction activation) {
    return new MlpLearner(inputs, settings.hidden(), 10, activation, 0.1);
  }

  private InnerLoop loop(MlpLearner learner) {
    return new InnerLoop(
        learner,
        InnerRmsProp.published(),
        LearningRate.fixed(settings.innerLr()),
        settings.steps(),
        settings.window());
  }

  /** The activation's initial parameters: PyTorch's default init of g, from {@code seed + 2}. */
  public double[] initialActivation() {
    return learned.initialize(new SplittableRandom(settings.seed() + 2));
  }

  /**
   * One inner run with the learned activation {@code params}, its metagradient and test accuracy.
   */
  public OuterStep outerStep(double[] params) {
    try (NDManager step = manager.newSubManager()) {
      NDList hyper = new NDList(ArrayValues.vector(step, params, settings.type()));
      NDArray theta0 = initialTheta(step, learnedLearner);
      Metagradient.Result r =
          Metagradient.compute(
              loop(learnedLearner),
              theta0,
              hyper,
              batches,
              noise,
              settings.segment(),
              constants,
              step);
      double acc = accuracy(learnedLearner, r.finalTheta(), hyper);
      return new OuterStep(r.metaLoss(), r.gradients()[0], r.losses(), acc);
    }
  }

  /**
   * One forward inner run with a fixed activation (a baseline): meta-loss, losses, test accuracy.
   */
  public OuterStep baseline(String activation) {
    return baseline(ActivationFunctions.named(activation));
  }

  /** One forward inner run with any fixed activation (e.g. a piecewise-linear fit). */
  public OuterStep baseline(ActivationFunction activation) {
    MlpLearner learner = learner(activation);
    try (NDManager step = manager.newSubManager()) {
      NDArray theta0 = initialTheta(step, learner);
      InnerLoop.InnerRun r =
          loop(learner).run(theta0, new NDList(), batches, noise, constants, step);
      return new OuterStep(
          r.metaLoss(), new double[0], r.losses(), accuracy(learner, r.finalTheta(), new NDList()));
    }
  }

  /** The learned activation {@code params} sampled at {@code xs} (noise row of the evaluation). */
  public double[] sampleActivation(double[] params, double[] xs) {
    try (NDManager step = manager.newSubManager()) {
      NDList hyper = new NDList(ArrayValues.vector(step, params, settings.type()));
      NDArray z = ArrayValues.of(step, xs, new Shape(1, xs.length), settings.type());
      try (StepScope scope = new StepScope(step)) {
        scope.use(evalNoise.hidden(), evalNoise.activation());
        return ArrayValues.values(learned.valueAndSlope(z, hyper, evalNoise, constants).get(0));
      }
    }
  }

  private NDArray initialTheta(NDManager m, MlpLearner learner) {
    return ArrayValues.vector(
        m, learner.initialize(new SplittableRandom(settings.seed())), settings.type());
  }

  private double accuracy(MlpLearner learner, NDArray theta, NDList hyper) {
    try (StepScope scope = new StepScope(theta.getManager())) {
      scope.use(theta, testX, evalNoise.hidden(), evalNoise.activation());
      scope.use(hyper);
      NDArray predicted = learner.logits(theta, hyper, testX, evalNoise, constants).argMax(1);
      long[] p = predicted.toLongArray();
      int correct = 0;
      for (int i = 0; i < p.length; i++) {
        correct += p[i] == testY[i] ? 1 : 0;
      }
      return 100.0 * correct / p.length;
    }
  }

  /**
   * The meta-loss, metagradient, inner losses and final test accuracy (percent) of one inner run.
   */
  public record OuterStep(
      double metaLoss, double[] gradient, double[] losses, double testAccuracy) {
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
