package org.mnist1d.workbench.experiments.metalearnactivation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.metagrad.StepNoise;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;

/** The fit recovers a known 6-piece function; as an activation it evaluates the same function. */
class PiecewiseLinearTest {

  @Test
  void fitRecoversKnownBreakpoints() {
    PiecewiseLinear truth =
        new PiecewiseLinear(
            0.1,
            0.05,
            new double[] {-2.0, -1.0, -0.25, 0.1, 0.6},
            new double[] {-0.3, 0.4, 0.5, 0.2, 0.15});
    double[] xs = new double[401];
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = -5 + 10.0 * i / (xs.length - 1);
      ys[i] = truth.apply(xs[i]);
    }
    PiecewiseLinear fit = PiecewiseLinear.fit(xs, ys, 6);
    assertArrayEquals(truth.breaks(), fit.breaks(), 1e-9);
    assertArrayEquals(truth.kinks(), fit.kinks(), 1e-6);
    assertEquals(0.0, fit.rmse(xs, ys), 1e-6);
  }

  @Test
  void asActivationMatchesTheFunctionAndItsSlope() {
    PiecewiseLinear f =
        new PiecewiseLinear(0.2, -0.1, new double[] {-1.0, 0.5}, new double[] {0.7, -0.2});
    double[] zs = {-3, -1.5, -0.2, 0.3, 0.9, 4};
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, DataType.FLOAT64);
      NDArray z = ArrayValues.vector(m, zs, DataType.FLOAT64);
      NDList out = f.asActivation().valueAndSlope(z, new NDList(), StepNoise.NONE, c);
      for (int i = 0; i < zs.length; i++) {
        assertEquals(f.apply(zs[i]), out.get(0).toDoubleArray()[i], 1e-12);
        double h = 1e-6;
        assertEquals(
            (f.apply(zs[i] + h) - f.apply(zs[i] - h)) / (2 * h),
            out.get(1).toDoubleArray()[i],
            1e-6);
      }
    }
  }
}
