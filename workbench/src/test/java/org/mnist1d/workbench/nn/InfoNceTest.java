package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mnist1d.workbench.nn.TorchRecords.assertClose;
import static org.mnist1d.workbench.nn.TorchRecords.flat;
import static org.mnist1d.workbench.nn.TorchRecords.tensors;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSL notebook's InfoNCE loss against PyTorch: loss and gradients for two pairs of embeddings,
 * and end to end through the standard encoder.
 */
class InfoNceTest {
  private static final JsonNode FILE = TorchRecords.load("infonce.json");

  @ParameterizedTest
  @CsvSource({"0, float64, 1e-12", "1, float64, 1e-12", "0, float32, 1e-5", "1, float32, 1e-5"})
  void lossAndGradientsMatchPyTorch(int index, String dtype, double tol) {
    JsonNode c = FILE.get("cases").get(index);
    JsonNode ref = c.get(dtype);
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    try (NDManager m = NDManager.newBaseManager()) {
      InfoNce loss = new InfoNce(m, FILE.get("tau").asDouble(), type);
      NDArray z1 = TorchRecords.matrix(m, ref.get("z1"), type);
      NDArray z2 = TorchRecords.matrix(m, ref.get("z2"), type);
      z1.setRequiresGradient(true);
      z2.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.loss(z1, z2);
        double expected = ref.get("loss").asDouble();
        assertEquals(expected, ArrayValues.value(l), tol * Math.abs(expected), c + " loss");
        gc.backward(l);
      }
      String name = c.get("name").asText() + " " + dtype;
      assertClose(flat(ref.get("grad_z1")), ArrayValues.values(z1.getGradient()), tol, name);
      assertClose(flat(ref.get("grad_z2")), ArrayValues.values(z2.getGradient()), tol, name);
    }
  }

  @ParameterizedTest
  @CsvSource({"float64, 1e-12", "float32, 1e-5"})
  void endToEndThroughTheEncoder(String dtype, double tol) {
    JsonNode e2e = FILE.get("end_to_end");
    JsonNode record = e2e.get("model");
    JsonNode ref = record.get(dtype);
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    SimClrEncoder encoder = new SimClrEncoder(40, 25, SimClrEncoder.Projector.STANDARD, 32, 16);
    try (NDManager m = NDManager.newBaseManager()) {
      InfoNce loss = new InfoNce(m, FILE.get("tau").asDouble(), type);
      NDList params = TorchRecords.params(m, encoder, record, type);
      params.forEach(p -> p.setRequiresGradient(true));
      NDArray x1 = TorchRecords.matrix(m, e2e.get("x1"), type);
      NDArray x2 = TorchRecords.matrix(m, e2e.get("x2"), type);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray z1 = encoder.forward(params, x1);
        NDArray z2 = encoder.forward(params, x2);
        assertClose(flat(ref.get("z1")), ArrayValues.values(z1), tol, dtype + " z1");
        assertClose(flat(ref.get("z2")), ArrayValues.values(z2), tol, dtype + " z2");
        NDArray l = loss.loss(z1, z2);
        double expected = ref.get("loss").asDouble();
        assertEquals(expected, ArrayValues.value(l), tol * Math.abs(expected), dtype + " loss");
        gc.backward(l);
      }
      if (ref.get("grads").isArray()) {
        List<double[]> grads = tensors(ref.get("grads"));
        for (int i = 0; i < grads.size(); i++) {
          assertClose(
              grads.get(i),
              ArrayValues.values(params.get(i).getGradient()),
              tol,
              dtype + " grad " + record.get("params").get(i).get("name").asText());
        }
      }
    }
  }

  /** A zero embedding (a dead relu layer without projector) keeps finite gradients, as in torch. */
  @Test
  void zeroRowHasFiniteGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      InfoNce loss = new InfoNce(m, 0.5, DataType.FLOAT64);
      double[] a = {0, 0, 0, 1, 2, 3, -1, 0.5, 2};
      NDArray z1 = ArrayValues.of(m, a, new Shape(3, 3), DataType.FLOAT64);
      NDArray z2 = ArrayValues.of(m, a.clone(), new Shape(3, 3), DataType.FLOAT64);
      z1.setRequiresGradient(true);
      z2.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(loss.loss(z1, z2));
      }
      for (double g : z1.getGradient().toDoubleArray()) {
        assertTrue(Double.isFinite(g), "gradient " + g);
      }
      for (double g : z2.getGradient().toDoubleArray()) {
        assertTrue(Double.isFinite(g), "gradient " + g);
      }
    }
  }
}
