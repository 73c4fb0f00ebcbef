package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mnist1d.workbench.nn.Scalars;

/**
 * Metagradients agree with central finite differences of the meta-loss (float64), for every inner
 * optimiser and both kinds of hyperparameter, and do not depend on the recomputation segment.
 */
class MetagradientTest {
  static final int STEPS = 12;
  static final int WINDOW = 8;

  static Stream<Arguments> optimisers() {
    return Stream.of(
        Arguments.of(new InnerSgd(), 0.3),
        Arguments.of(new InnerMomentum(0.9), 0.1),
        Arguments.of(InnerRmsProp.published(), 0.05),
        Arguments.of(InnerAdam.defaults(), 0.05));
  }

  /** Meta-loss of a forward-only run with these hyperparameters. */
  private static double metaLoss(
      NDManager m,
      InnerLoop loop,
      NDArray theta0,
      double[][] hyper,
      Batches data,
      List<StepNoise> noise,
      Scalars c) {
    try (NDManager run = m.newSubManager()) {
      return loop.run(theta0, Problems.hyper(run, hyper), data, noise, c, run).metaLoss();
    }
  }

  /** Central differences of the meta-loss in every coordinate of hyper[slot]. */
  private static double[] finiteDifferences(
      NDManager m,
      InnerLoop loop,
      NDArray theta0,
      double[][] hyper,
      int slot,
      Batches data,
      List<StepNoise> noise,
      Scalars c,
      double eps) {
    double[] fd = new double[hyper[slot].length];
    for (int i = 0; i < fd.length; i++) {
      double[][] plus = copy(hyper);
      double[][] minus = copy(hyper);
      plus[slot][i] += eps;
      minus[slot][i] -= eps;
      fd[i] =
          (metaLoss(m, loop, theta0, plus, data, noise, c)
                  - metaLoss(m, loop, theta0, minus, data, noise, c))
              / (2 * eps);
    }
    return fd;
  }

  private static double[][] copy(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }

  /** ||a - b|| / ||b||. */
  private static double relativeError(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return Math.sqrt(num / den);
  }

  @ParameterizedTest
  @MethodSource("optimisers")
  void learningRateMetagradientMatchesFiniteDifferences(InnerOptimizer optimizer, double lr) {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      MlpLearner learner = new MlpLearner(6, 5, 4, ActivationFunctions.named("tanh"), 0.1);
      InnerLoop loop = new InnerLoop(learner, optimizer, LearningRate.learned(0), STEPS, WINDOW);
      Batches data = Problems.data(m, 12, 6, 4, 4, 1);
      List<StepNoise> noise = Problems.noise(m, learner, STEPS, 2);
      NDArray theta0 = Problems.theta(m, learner, 3);
      double[][] hyper = {{lr}};

      Metagradient.Result result =
          Metagradient.compute(loop, theta0, Problems.hyper(m, hyper), data, noise, 1, c, m);
      double[] fd = finiteDifferences(m, loop, theta0, hyper, 0, data, noise, c, 1e-6);

      assertEquals(metaLoss(m, loop, theta0, hyper, data, noise, c), result.metaLoss(), 1e-12);
      assertTrue(Math.abs(fd[0]) > 1e-4, "the test problem must have a real gradient: " + fd[0]);
      double err = relativeError(result.gradients()[0], fd);
      assertTrue(
          err < 1e-5,
          optimizer.name() + ": metagradient " + result.gradients()[0][0] + " vs FD " + fd[0]);
    }
  }

  static Stream<Arguments> optimisersForActivation() {
    return Stream.of(
        Arguments.of(new InnerSgd(), 0.1),
        Arguments.of(new InnerMomentum(0.9), 0.03),
        Arguments.of(InnerRmsProp.published(), 0.05),
        Arguments.of(InnerAdam.defaults(), 0.05));
  }

  @ParameterizedTest
  @MethodSource("optimisersForActivation")
  void activationMetagradientMatchesFiniteDifferences(InnerOptimizer optimizer, double lr) {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      LearnedActivation act = new LearnedActivation(0, 6, 0.2);
      MlpLearner learner = new MlpLearner(6, 5, 4, act, 0.1);
      InnerLoop loop = new InnerLoop(learner, optimizer, LearningRate.fixed(lr), STEPS, WINDOW);
      Batches data = Problems.data(m, 12, 6, 4, 4, 4);
      List<StepNoise> noise = Problems.noise(m, learner, STEPS, 5);
      NDArray theta0 = Problems.theta(m, learner, 6);
      double[][] hyper = {act.initialize(new SplittableRandom(7))};

      Metagradient.Result result =
          Metagradient.compute(loop, theta0, Problems.hyper(m, hyper), data, noise, 1, c, m);
      double[] fd = finiteDifferences(m, loop, theta0, hyper, 0, data, noise, c, 1e-6);

      double err = relativeError(result.gradients()[0], fd);
      assertTrue(
          err < 1e-5,
          optimizer.name()
              + ": relative error "
              + err
              + " "
              + java.util.Arrays.toString(result.gradients()[0])
              + " vs "
              + java.util.Arrays.toString(fd));
    }
  }

  @Test
  void perStepLearningRatesMatchFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      MlpLearner learner = new MlpLearner(6, 5, 4, ActivationFunctions.named("softplus"), 0.1);
      InnerLoop loop =
          new InnerLoop(learner, new InnerSgd(), LearningRate.perStep(0), STEPS, WINDOW);
      Batches data = Problems.data(m, 12, 6, 4, 4, 8);
      List<StepNoise> noise = Problems.noise(m, learner, STEPS, 9);
      NDArray theta0 = Problems.theta(m, learner, 10);
      double[][] hyper = {new double[STEPS]};
      for (int t = 0; t < STEPS; t++) {
        hyper[0][t] = 0.2 + 0.02 * t;
      }
      Metagradient.Result result =
          Metagradient.compute(loop, theta0, Problems.hyper(m, hyper), data, noise, 1, c, m);
      double[] fd = finiteDifferences(m, loop, theta0, hyper, 0, data, noise, c, 1e-6);
      assertTrue(relativeError(result.gradients()[0], fd) < 1e-5);
      // the last step's update happens after the last counted loss: it cannot matter
      assertEquals(0.0, result.gradients()[0][STEPS - 1], 0.0);
    }
  }

  @Test
  void segmentLengthChangesNothingButMemory() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      LearnedActivation act = new LearnedActivation(1, 6, 0.2);
      MlpLearner learner = new MlpLearner(6, 5, 4, act, 0.1);
      InnerLoop loop =
          new InnerLoop(learner, InnerRmsProp.published(), LearningRate.learned(0), STEPS, WINDOW);
      Batches data = Problems.data(m, 12, 6, 4, 4, 11);
      List<StepNoise> noise = Problems.noise(m, learner, STEPS, 12);
      NDArray theta0 = Problems.theta(m, learner, 13);
      NDList hyper =
          Problems.hyper(m, new double[] {0.05}, act.initialize(new SplittableRandom(14)));

      Metagradient.Result perStep = Metagradient.compute(loop, theta0, hyper, data, noise, 1, c, m);
      for (int segment : new int[] {5, STEPS}) {
        Metagradient.Result other =
            Metagradient.compute(loop, theta0, hyper, data, noise, segment, c, m);
        assertEquals(perStep.metaLoss(), other.metaLoss(), 1e-13);
        assertArrayEquals(perStep.losses(), other.losses(), 1e-13);
        assertArrayEquals(
            perStep.finalTheta().toDoubleArray(), other.finalTheta().toDoubleArray(), 1e-13);
        for (int i = 0; i < 2; i++) {
          assertArrayEquals(perStep.gradients()[i], other.gradients()[i], 1e-12);
        }
      }
    }
  }

  @Test
  void divergenceNamesTheInnerStepAndQuantity() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      MlpLearner learner = new MlpLearner(6, 5, 4, ActivationFunctions.named("tanh"), 0.0);
      InnerLoop loop =
          new InnerLoop(learner, new InnerSgd(), LearningRate.learned(0), STEPS, WINDOW);
      Batches data = Problems.data(m, 12, 6, 4, 4, 1);
      List<StepNoise> noise = Problems.noise(m, learner, STEPS, 2);
      NDArray theta0 = Problems.theta(m, learner, 3);
      for (int segment : new int[] {1, STEPS}) {
        Divergence d =
            org.junit.jupiter.api.Assertions.assertThrows(
                Divergence.class,
                () ->
                    Metagradient.compute(
                        loop,
                        theta0,
                        Problems.hyper(m, new double[] {Double.NaN}),
                        data,
                        noise,
                        segment,
                        c,
                        m));
        assertEquals(1, d.innerStep()); // step 0's loss is taken before the first (NaN) update
        assertEquals("inner loss", d.quantity());
      }
    }
  }
}
