package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch engine loads from the bundled natives with downloads forbidden, and differentiates.
 */
class EngineOfflineTest {
  @Test
  void loadsOfflineAndComputesAGradient() {
    assertEquals(
        "true", System.getProperty("ai.djl.offline"), "tests must run with -Dai.djl.offline=true");
    Engine engine = Engine.getInstance();
    assertEquals("PyTorch", engine.getEngineName());
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {1.0, -2.0, 3.0});
      x.setRequiresGradient(true);
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray three = Constants.like(x, 3.0);
        NDArray y = x.pow(three).sum(); // d/dx x^3 = 3x^2
        gc.backward(y);
      }
      assertEquals(DataType.FLOAT64, x.getGradient().getDataType());
      assertArrayEquals(new double[] {3.0, 12.0, 27.0}, x.getGradient().toDoubleArray(), 1e-12);
    }
  }
}
