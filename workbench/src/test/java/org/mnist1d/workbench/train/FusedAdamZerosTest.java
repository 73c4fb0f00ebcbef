package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.workbench.nn.ArrayValues;

/**
 * Adam where some gradients are always zero (dead units, pruned weights): their moments stay zero
 * (the written-out form keeps {@code v} at a tiny floor instead, for its square root's sake), and
 * their parameters must not move; the others follow torch's formula (FusedOptimizerReferenceTest
 * checks that formula against torch itself).
 */
class FusedAdamZerosTest {
  /** Both ways FusedAdam updates: the engine's fused call, and explicit operations. */
  @ParameterizedTest
  @ValueSource(ints = {1000, 40000})
  void alwaysZeroGradientsLeaveTheirParametersAndTheRestFollowTorchsFormula(int n) {
    Random random = new Random(5);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) random.nextGaussian();
    }
    double lr = 0.02;
    double[] m = new double[n];
    double[] v = new double[n];
    double[] expected = p.clone();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray param = ArrayValues.vector(manager, p, DataType.FLOAT32);
      param.setRequiresGradient(true);
      FusedAdam adam = new FusedAdam(manager, lr);
      for (int t = 0; t < 5; t++) {
        double[] g = new double[n];
        for (int i = 0; i < n; i += 2) { // odd entries: always zero
          g[i] = (float) (random.nextGaussian() * Math.pow(10, -random.nextInt(8)));
        }
        NDArray grad = ArrayValues.vector(manager, g, DataType.FLOAT32);
        adam.update(new NDList(param), new NDList(grad), t);
        double bc1 = 1 - Math.pow(0.9, t + 1);
        double bc2 = 1 - Math.pow(0.999, t + 1);
        for (int i = 0; i < n; i++) {
          m[i] = 0.9 * m[i] + 0.1 * g[i];
          v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
          expected[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
        }
        double[] actual = ArrayValues.values(param);
        for (int i = 0; i < n; i++) {
          if (i % 2 == 1) {
            assertEquals(p[i], actual[i], 0.0, "zero-gradient entry " + i + " moved");
          } else {
            // float rounding of the parameter, or of a step of about lr where it is near 0
            assertEquals(
                expected[i], actual[i], 1e-5 * Math.max(Math.abs(expected[i]), lr), "entry " + i);
          }
        }
      }
      double[] state = ArrayValues.values(adam.state().get(1));
      // zero, but for the explicit form's floor: (1 - b2) 2^-100 0.999^5, a step's 1e-7 at most
      double floor = FusedAdam.explicit(n) ? 0.001 * FusedAdam.floor(DataType.FLOAT32) : 0;
      assertEquals(floor * Math.pow(0.999, 5), state[1], 1e-5 * floor, "v, always-zero gradient");
      // the fused call keeps v times k2 (within 1.3e-5 of 1, FusedAdam), the explicit form torch's
      double rtol = FusedAdam.explicit(n) ? 1e-6 : 2e-5;
      assertEquals(v[0], state[0], rtol * v[0], "v as torch keeps it");
    }
  }

  /**
   * A checkpoint whose {@code v} has exact zeros (written before the floor existed) gets the floor
   * there on restore, and only there.
   */
  @Test
  void restoredZeroMomentsGetTheFloorAndNothingElseChanges() {
    int n = 40000;
    assertTrue(FusedAdam.explicit(n));
    double[] v = new double[n];
    for (int i = 0; i < n; i += 2) {
      v[i] = 1e-6 * (1 + i % 7);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      FusedAdam adam = new FusedAdam(manager, 0.01);
      adam.restore(
          new NDList(
              ArrayValues.vector(manager, new double[n], DataType.FLOAT64),
              ArrayValues.vector(manager, v, DataType.FLOAT64)),
          DataType.FLOAT32);
      double[] restored = ArrayValues.values(adam.state().get(1));
      double floor = 0.001 * FusedAdam.floor(DataType.FLOAT32);
      for (int i = 0; i < n; i++) {
        double expected = v[i] == 0 ? floor : (float) v[i];
        assertEquals(expected, restored[i], 1e-6 * expected, "v[" + i + "]");
      }
    }
  }
}
