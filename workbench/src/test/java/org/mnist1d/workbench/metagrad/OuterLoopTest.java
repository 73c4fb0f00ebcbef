package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.Scalars;

/**
 * The outer loop learns a learning rate, resumes from a saved state exactly, and reports
 * divergence.
 */
class OuterLoopTest {

  /** A tiny learning-rate metalearning problem (float64). */
  private static OuterLoop.Problem problem(NDManager m) {
    Scalars c = new Scalars(m, Problems.F64);
    MlpLearner learner = new MlpLearner(6, 5, 4, ActivationFunctions.named("tanh"), 0.0);
    InnerLoop loop = new InnerLoop(learner, new InnerSgd(), LearningRate.learned(0), 10, 10);
    Batches data = Problems.data(m, 12, 6, 4, 4, 1);
    List<StepNoise> noise = Problems.noise(m, learner, 10, 2);
    NDArray theta0 = Problems.theta(m, learner, 3);
    return hyper -> {
      try (NDManager step = m.newSubManager()) {
        Metagradient.Result r =
            Metagradient.compute(
                loop, theta0, Problems.hyper(step, hyper), data, noise, Integer.MAX_VALUE, c, step);
        return new OuterLoop.Outcome(r.metaLoss(), r.gradients(), Map.of());
      }
    };
  }

  @Test
  void resumedRunEndsWhereTheUninterruptedOneEnds() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      OuterLoop.Problem p = problem(m);
      OuterLoop.State start = new OuterLoop.State(0, new double[][] {{0.05}}, new double[0][]);
      List<Double> losses = new ArrayList<>();
      OuterLoop.State whole =
          OuterLoop.run(
              p,
              OuterOptimizer.sgd(0.3, 0.5),
              start,
              8,
              (k, h, o, next) -> losses.add(o.metaLoss()));
      assertTrue(losses.get(7) < losses.get(0), "the meta-loss must fall: " + losses);

      OuterLoop.State[] saved = new OuterLoop.State[1];
      OuterLoop.run(p, OuterOptimizer.sgd(0.3, 0.5), start, 3, (k, h, o, next) -> saved[0] = next);
      // a fresh optimiser, as after a restart: its momentum comes from the saved state
      OuterLoop.State resumed =
          OuterLoop.run(p, OuterOptimizer.sgd(0.3, 0.5), saved[0], 8, (k, h, o, next) -> {});
      assertEquals(8, resumed.step());
      assertArrayEquals(whole.hyper()[0], resumed.hyper()[0], 0.0);
    }
  }

  @Test
  void divergenceNamesOuterAndInnerStep() {
    try (NDManager m = NDManager.newBaseManager()) {
      OuterLoop.Problem p = problem(m);
      // an infinite learning rate: the first update makes the parameters non-finite
      OuterLoop.State start =
          new OuterLoop.State(0, new double[][] {{Double.POSITIVE_INFINITY}}, new double[0][]);
      OuterLoop.Diverged d =
          assertThrows(
              OuterLoop.Diverged.class,
              () ->
                  OuterLoop.run(p, OuterOptimizer.sgd(0.3, 0.0), start, 5, (k, h, o, next) -> {}));
      assertEquals(0, d.outerStep());
      assertTrue(d.getMessage().contains("inner step 1"), d.getMessage());

      // a sound start and an absurd outer step: outer step 0 is fine, outer step 1 diverges
      OuterLoop.State sound = new OuterLoop.State(0, new double[][] {{0.3}}, new double[0][]);
      OuterLoop.Diverged later =
          assertThrows(
              OuterLoop.Diverged.class,
              () ->
                  OuterLoop.run(
                      p, OuterOptimizer.sgd(1e308, 0.0), sound, 5, (k, h, o, next) -> {}));
      assertEquals(1, later.outerStep(), later.getMessage());
    }
  }
}
