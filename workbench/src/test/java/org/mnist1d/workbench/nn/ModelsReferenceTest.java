package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mnist1d.workbench.reference.ModelRecord;
import org.mnist1d.workbench.reference.TorchReference;
import org.mnist1d.workbench.train.Split;

/**
 * The paper's four models against PyTorch itself (reference/torch/models-benchmark-NAME.json):
 * torch's weights loaded into the workbench's parameter order, then the logits, the mean
 * cross-entropy ({@link Split#loss}) and its gradients by DJL autograd through {@link
 * Model#forward}, in float64 and float32, on six inputs.
 */
class ModelsReferenceTest {
  /**
   * Another libtorch (DJL's 2.7.1 with MKL against Debian's 1.13 with the generic BLAS). Measured
   * largest gaps (2026-11-30), as a fraction of each tensor's largest magnitude: float64 logits
   * 9.9e-16, gradients 8.0e-16 (both GRU); float32 logits 2.0e-7 (MLP), gradients 4.4e-7 (GRU), the
   * MLP's float32 gradients against torch's float64 ones 2.0e-7.
   */
  static final double FLOAT64_RTOL = 1e-12;

  static final double FLOAT32_RTOL = 1e-5;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "logistic, float64",
    "logistic, float32",
    "mlp, float64",
    "mlp, float32",
    "cnn, float64",
    "cnn, float32",
    "gru, float64",
    "gru, float32"
  })
  void logitsLossAndGradientsAreTorchs(String name, String dtype) {
    ModelRecord ref = ModelRecord.of("models-benchmark-" + name + ".json");
    Model model = Models.named(name, 40, 10);
    List<long[]> shapes = ref.shapes();
    assertEquals(shapes.size(), model.parameters().size(), "parameter tensors");
    for (int i = 0; i < shapes.size(); i++) {
      assertArrayEquals(
          shapes.get(i),
          model.parameters().get(i).shape().getShape(),
          model.parameters().get(i).name() + " is torch's " + ref.parameterNames().get(i));
    }
    assertEquals(ref.model().get("param_count").asLong(), model.parameterCount());

    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    double rtol = dtype.equals("float64") ? FLOAT64_RTOL : FLOAT32_RTOL;
    double[][] x = ref.x();
    int[] y = ref.y();
    try (NDManager m = NDManager.newBaseManager()) {
      NDList params = Initialization.arrays(model, ref.params(), m, type);
      params.forEach(p -> p.setRequiresGradient(true));
      Split batch = Split.of(m, x, y, 0, x.length, 10, type);
      double[] logits;
      double loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray out = model.forward(params, batch.x());
        NDArray l = batch.loss(out);
        logits = ArrayValues.values(out);
        loss = ArrayValues.value(l);
        gc.backward(l);
      }
      String at = name + " " + dtype;
      TorchReference.assertCloseToScale(ref.logits(dtype), logits, rtol, at + " logits");
      assertEquals(ref.loss(dtype), loss, rtol * ref.loss(dtype), at + " loss");
      // torch's float32 gradients are omitted for the MLP (15210 values): its float64 ones hold
      // at the float32 tolerance too (each float32 gradient is within 3e-7 of float64's).
      List<double[]> grads = ref.grads(dtype) != null ? ref.grads(dtype) : ref.grads("float64");
      for (int i = 0; i < params.size(); i++) {
        TorchReference.assertCloseToScale(
            grads.get(i),
            ArrayValues.values(params.get(i).getGradient()),
            rtol,
            at + " d loss / d " + model.parameters().get(i).name());
      }
    }
  }
}
