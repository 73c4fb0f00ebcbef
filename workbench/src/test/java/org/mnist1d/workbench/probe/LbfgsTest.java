package org.mnist1d.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

  /** The extended Rosenbrock function: minimum 0 at (1, ..., 1), a curved narrow valley. */
  static final Objective ROSENBROCK =
      (x, g) -> {
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
          double a = x[i + 1] - x[i] * x[i];
          double b = 1 - x[i];
          f += 100 * a * a + b * b;
          g[i] += -400 * a * x[i] - 2 * b;
          g[i + 1] += 200 * a;
        }
        return f;
      };

  @Test
  void findsTheRosenbrockMinimumFromTheClassicStart() {
    Minimum m = new Lbfgs(10, 1e-9, 0, 1000).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertEquals(Minimum.Stop.GRADIENT, m.stop());
    assertArrayEquals(new double[] {1, 1}, m.x(), 1e-8);
    assertEquals(0, m.value(), 1e-16);
    assertTrue(m.iterations() < 100, "iterations " + m.iterations());
  }

  @Test
  void findsTheMinimumOfTwentyDimensionalRosenbrock() {
    double[] x0 = new double[20];
    for (int i = 0; i < x0.length; i++) {
      x0[i] = i % 2 == 0 ? -1.2 : 1;
    }
    Minimum m = new Lbfgs(10, 1e-8, 0, 2000).minimize(ROSENBROCK, x0);
    assertTrue(m.converged(), m.stop().toString());
    for (double v : m.x()) {
      assertEquals(1, v, 1e-7);
    }
  }

  @Test
  void solvesAQuadraticToRoundoff() {
    // f = sum_i (i + 1) (x_i - i)^2 / 2: condition number 30
    Objective q =
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < x.length; i++) {
            double r = x[i] - i;
            f += 0.5 * (i + 1) * r * r;
            g[i] = (i + 1) * r;
          }
          return f;
        };
    Minimum m = new Lbfgs(10, 1e-12, 0, 200).minimize(q, new double[30]);
    assertEquals(Minimum.Stop.GRADIENT, m.stop());
    for (int i = 0; i < 30; i++) {
      assertEquals(i, m.x()[i], 1e-12);
    }
  }

  @Test
  void stopsAtTheIterationLimitUnconverged() {
    Minimum m = new Lbfgs(10, 1e-12, 0, 5).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertEquals(Minimum.Stop.MAX_ITERATIONS, m.stop());
    assertEquals(5, m.iterations());
    assertFalse(m.converged());
  }

  @Test
  void relativeReductionRuleStopsLikeScipysFtol() {
    Minimum m = Lbfgs.scipy(1e-12, 1000).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertEquals(Minimum.Stop.RELATIVE_REDUCTION, m.stop());
    assertArrayEquals(new double[] {1, 1}, m.x(), 1e-3);
  }

  @Test
  void aConvergedStartTakesNoStep() {
    Minimum m = Lbfgs.scipy(1e-5, 100).minimize(ROSENBROCK, new double[] {1, 1});
    assertEquals(0, m.iterations());
    assertEquals(1, m.evaluations());
    assertEquals(Minimum.Stop.GRADIENT, m.stop());
  }

  @Test
  void cubicMinimiserOfACubicIsExact() {
    // f(a) = (a - 2)^2 (a + 1) has its local minimum at a = 2
    java.util.function.DoubleUnaryOperator f = a -> (a - 2) * (a - 2) * (a + 1);
    java.util.function.DoubleUnaryOperator df = a -> 2 * (a - 2) * (a + 1) + (a - 2) * (a - 2);
    double m =
        WolfeLineSearch.cubicMinimiser(
            0, f.applyAsDouble(0), df.applyAsDouble(0), 3, f.applyAsDouble(3), df.applyAsDouble(3));
    assertEquals(2, m, 1e-12);
  }

  @Test
  void isDeterministic() {
    Minimum a = new Lbfgs(10, 1e-9, 0, 1000).minimize(ROSENBROCK, new double[] {-1.2, 1});
    Minimum b = new Lbfgs(10, 1e-9, 0, 1000).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertArrayEquals(a.x(), b.x(), 0.0);
    assertEquals(a.evaluations(), b.evaluations());
  }
}
