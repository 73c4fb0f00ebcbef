package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lottery experiment's sparse MLP (40-16-16-10 here, residual, masks over weights and biases)
 * against PyTorch: logits, loss, the gradient through the masks, and upstream's gradient at the
 * masked point (what its optimiser sees).
 */
class MaskedModelTest {
  private static final JsonNode FILE = TorchRecords.load("models-lottery.json");
  private static final JsonNode RECORD = FILE.get("model");

  @ParameterizedTest
  @CsvSource({"float64, 1e-12", "float32, 1e-5"})
  void matchesPyTorch(String dtype, double tol) {
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    Model mlp = Models.mlp(40, RECORD.get("hidden").asInt(), 10);
    JsonNode ref = RECORD.get(dtype);
    try (NDManager m = NDManager.newBaseManager()) {
      NDList masks = Initialization.arrays(mlp, tensors(RECORD.get("masks")), m, type);
      MaskedModel model = new MaskedModel(mlp, masks);
      assertEquals(1098, model.parameterCount());
      NDArray x = TorchRecords.matrix(m, FILE.get("x"), type);
      NDArray negTargets = negTargets(m, FILE.get("y"), type);

      // through the masks: autograd gives mask * (gradient at the masked point)
      NDList params = TorchRecords.params(m, mlp, RECORD, type);
      params.forEach(p -> p.setRequiresGradient(true));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(params, x);
        NDArray loss = logits.logSoftmax(1).mul(negTargets).sum();
        assertClose(flat(ref.get("logits")), ArrayValues.values(logits), tol, dtype + " logits");
        double expected = ref.get("loss").asDouble();
        assertEquals(expected, ArrayValues.value(loss), tol * Math.abs(expected), dtype + " loss");
        gc.backward(loss);
      }
      assertGradients(ref.get("grads"), params, tol, dtype + " masked grads");

      // upstream's parameters hold mask * p at each forward, and .grad is taken there
      NDList maskedValues = new NDList();
      for (int i = 0; i < params.size(); i++) {
        NDArray v = params.get(i).mul(masks.get(i));
        v.setRequiresGradient(true);
        maskedValues.add(v);
      }
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(mlp.forward(maskedValues, x).logSoftmax(1).mul(negTargets).sum());
      }
      assertGradients(
          ref.get("grads_at_masked_params"), maskedValues, tol, dtype + " grads at masked point");
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 16", "6, 10"})
  void rejectsMasksOfTheWrongShape(int count, int rows) {
    Model mlp = Models.mlp(40, 16, 10);
    try (NDManager m = NDManager.newBaseManager()) {
      NDList masks = new NDList();
      for (int i = 0; i < count; i++) {
        masks.add(m.ones(new Shape(rows)));
      }
      assertThrows(IllegalArgumentException.class, () -> new MaskedModel(mlp, masks));
    }
  }

  private static void assertGradients(JsonNode expected, NDList params, double tol, String what) {
    List<double[]> grads = tensors(expected);
    for (int i = 0; i < grads.size(); i++) {
      assertClose(
          grads.get(i),
          ArrayValues.values(params.get(i).getGradient()),
          tol,
          what + " " + expected.get(i).get("name").asText());
    }
  }

  static NDArray negTargets(NDManager m, JsonNode y, DataType type) {
    double[] t = new double[y.size() * 10];
    for (int i = 0; i < y.size(); i++) {
      t[i * 10 + y.get(i).asInt()] = -1.0 / y.size();
    }
    return ArrayValues.of(m, t, new Shape(y.size(), 10), type);
  }
}
