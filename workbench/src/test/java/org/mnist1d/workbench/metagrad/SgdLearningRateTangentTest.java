package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mnist1d.workbench.nn.Scalars;

/**
 * The forward-mode learning-rate metagradient agrees with central finite differences and with
 * reverse mode ({@link Metagradient}) in float64, and follows the same inner trajectory.
 */
class SgdLearningRateTangentTest {
  static final int STEPS = 12;

  /** A small SGD problem: tanh MLP 6-5-4, batch 4 of 12 rows, hidden noise as given. */
  private record Problem(InnerLoop loop, NDArray theta0, Batches data, List<StepNoise> noise) {
    static Problem of(NDManager m, int window, double hiddenNoise) {
      MlpLearner learner = new MlpLearner(6, 5, 4, ActivationFunctions.named("tanh"), hiddenNoise);
      InnerLoop loop =
          new InnerLoop(learner, new InnerSgd(), LearningRate.learned(0), STEPS, window);
      return new Problem(
          loop,
          Problems.theta(m, learner, 3),
          Problems.data(m, 12, 6, 4, 4, 1),
          Problems.noise(m, learner, STEPS, 2));
    }

    SgdLearningRateTangent.Result forward(double lr, Scalars c) {
      return new SgdLearningRateTangent(loop, data, theta0.getManager())
          .compute(theta0, lr, noise, c);
    }

    Metagradient.Result reverse(NDManager m, double lr, Scalars c) {
      return Metagradient.compute(
          loop, theta0, Problems.hyper(m, new double[] {lr}), data, noise, 1, c, m);
    }

    double metaLoss(NDManager m, double lr, Scalars c) {
      try (NDManager run = m.newSubManager()) {
        return loop.run(theta0, Problems.hyper(run, new double[] {lr}), data, noise, c, run)
            .metaLoss();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0.3, 8, 0.1", "0.3, 12, 0.0", "1.2, 5, 0.1"})
  void matchesFiniteDifferencesAndReverseMode(double lr, int window, double hiddenNoise) {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      Problem p = Problem.of(m, window, hiddenNoise);

      SgdLearningRateTangent.Result forward = p.forward(lr, c);
      double eps = 1e-6;
      double fd = (p.metaLoss(m, lr + eps, c) - p.metaLoss(m, lr - eps, c)) / (2 * eps);
      assertTrue(Math.abs(fd) > 1e-4, "the test problem must have a real gradient: " + fd);
      assertTrue(
          Math.abs(forward.gradient() - fd) < 1e-5 * Math.abs(fd),
          forward.gradient() + " vs FD " + fd);

      Metagradient.Result reverse = p.reverse(m, lr, c);
      double scale = Math.abs(reverse.gradients()[0][0]);
      assertEquals(reverse.gradients()[0][0], forward.gradient(), 1e-10 * scale);
      assertEquals(reverse.metaLoss(), forward.metaLoss(), 1e-13);
      assertArrayEquals(reverse.losses(), forward.losses(), 1e-13);
    }
  }

  @Test
  void onlyPlainSgdOfATanhLearner() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      Problem p = Problem.of(m, STEPS, 0);
      InnerLoop momentum =
          new InnerLoop(
              p.loop().learner(), new InnerMomentum(0.9), LearningRate.learned(0), STEPS, STEPS);
      assertThrows(
          IllegalArgumentException.class, () -> new SgdLearningRateTangent(momentum, p.data(), m));
      MlpLearner relu = new MlpLearner(6, 5, 4, ActivationFunctions.named("relu"), 0);
      InnerLoop reluLoop =
          new InnerLoop(relu, new InnerSgd(), LearningRate.learned(0), STEPS, STEPS);
      assertThrows(
          IllegalArgumentException.class, () -> new SgdLearningRateTangent(reluLoop, p.data(), m));
    }
  }

  /**
   * An outer step leaves nothing behind but each batch's inputs with a column of ones, made once:
   * fifty outer steps must not grow memory.
   */
  @Test
  void repeatedOuterStepsLeaveNothingBehind() {
    try (NDManager m = NDManager.newBaseManager();
        NDManager constants = NDManager.newBaseManager()) {
      Scalars c = new Scalars(constants, Problems.F64);
      Problem p = Problem.of(m, 8, 0.1);
      for (int t = 0; t < STEPS; t++) {
        p.data().at(t); // the batches themselves are cached on first use
      }
      SgdLearningRateTangent tangent = new SgdLearningRateTangent(p.loop(), p.data(), m);
      int before = m.getManagedArrays().size();
      double first = tangent.compute(p.theta0(), 0.3, p.noise(), c).gradient();
      // 3 distinct batches of 4 in 12 rows: [x | 1] and its transpose for each
      assertEquals(before + 6, m.getManagedArrays().size(), "only the cached inputs are kept");
      for (int k = 0; k < 3; k++) {
        assertEquals(first, tangent.compute(p.theta0(), 0.3, p.noise(), c).gradient(), 0.0);
      }
      assertEquals(before + 6, m.getManagedArrays().size(), "nothing grows from step to step");
    }
  }

  @Test
  void divergenceNamesTheInnerStepAndQuantity() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      Problem p = Problem.of(m, 8, 0);
      Divergence d = assertThrows(Divergence.class, () -> p.forward(Double.NaN, c));
      assertEquals(1, d.innerStep()); // step 0's loss is taken before the first (NaN) update
      assertEquals("inner loss", d.quantity());
    }
  }
}
