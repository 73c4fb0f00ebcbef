package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Outer optimisers against hand-computed updates, and their state round-trips. */
class OuterOptimizerTest {

  @Test
  void sgdWithMomentumAccumulatesVelocity() {
    OuterOptimizer sgd = OuterOptimizer.sgd(0.5, 0.9);
    double[][] p = {{1.0, -2.0}};
    sgd.step(p, new double[][] {{0.2, -0.4}});
    assertArrayEquals(new double[] {0.9, -1.8}, p[0], 1e-15); // v = g
    sgd.step(p, new double[][] {{0.1, 0.0}});
    // v = 0.9 * (0.2, -0.4) + (0.1, 0) = (0.28, -0.36)
    assertArrayEquals(new double[] {0.9 - 0.14, -1.8 + 0.18}, p[0], 1e-15);
  }

  @Test
  void plainSgdIsTheReferenceLearningRateUpdate() {
    OuterOptimizer sgd = OuterOptimizer.sgd(0.3, 0.0);
    double[][] lr = {{1.5}};
    sgd.step(lr, new double[][] {{0.25}});
    assertEquals(1.5 - 0.075, lr[0][0], 1e-15);
  }

  @Test
  void clampingLimitsEachElementOnly() {
    OuterOptimizer clamped = OuterOptimizer.clamped(0.1, OuterOptimizer.sgd(1.0, 0.0));
    double[][] p = {{0.0, 0.0, 0.0}, {0.0}};
    clamped.step(p, new double[][] {{5.0, -0.05, -3.0}, {0.1}});
    assertArrayEquals(new double[] {-0.1, 0.05, 0.1}, p[0], 1e-15);
    assertArrayEquals(new double[] {-0.1}, p[1], 1e-15);
  }

  @Test
  void adamFirstStepIsLearningRateTimesSign() {
    OuterOptimizer adam = OuterOptimizer.adam(0.01, 0.9, 0.999, 1e-8);
    double[][] p = {{1.0, 1.0}};
    adam.step(p, new double[][] {{3.0, -0.002}});
    // mhat = g, vhat = g^2: the step is lr * g / (|g| + eps)
    assertArrayEquals(
        new double[] {1.0 - 0.01 * 3 / (3 + 1e-8), 1.0 + 0.01 * 0.002 / (0.002 + 1e-8)},
        p[0],
        1e-15);
  }

  @Test
  void adamMinimisesAQuadratic() {
    OuterOptimizer adam = OuterOptimizer.adam(0.05, 0.9, 0.999, 1e-8);
    double[][] p = {{2.0, -3.0}};
    for (int i = 0; i < 2000; i++) {
      adam.step(p, new double[][] {{2 * (p[0][0] - 0.5), 2 * (p[0][1] + 1.0)}});
    }
    assertArrayEquals(new double[] {0.5, -1.0}, p[0], 1e-3);
  }

  @Test
  void stateRoundTripContinuesIdentically() {
    for (boolean useAdam : new boolean[] {false, true}) {
      OuterOptimizer a =
          useAdam ? OuterOptimizer.adam(0.1, 0.9, 0.999, 1e-8) : OuterOptimizer.sgd(0.1, 0.9);
      double[][] p = {{1.0, 2.0}};
      a.step(p, new double[][] {{0.3, -0.1}});
      a.step(p, new double[][] {{0.2, 0.4}});
      OuterOptimizer b =
          useAdam ? OuterOptimizer.adam(0.1, 0.9, 0.999, 1e-8) : OuterOptimizer.sgd(0.1, 0.9);
      b.restore(a.state());
      double[][] q = {p[0].clone()};
      a.step(p, new double[][] {{-0.5, 0.7}});
      b.step(q, new double[][] {{-0.5, 0.7}});
      assertArrayEquals(p[0], q[0], 0.0);
    }
  }
}
