package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.reference.ReferenceJson;

/**
 * One training step against PyTorch: with SGD at learning rate 1 the step moves each parameter by
 * minus its gradient, so a {@link TrainingRun} started from the reference's parameters must return
 * the reference's {@code F.cross_entropy} loss and move by its autograd gradients (float64,
 * reference/torch/models-benchmark-*.json, recorded by torch_models_benchmark.py).
 */
class TrainingStepReferenceTest {

  @ParameterizedTest
  @ValueSource(strings = {"logistic", "mlp", "cnn", "gru"})
  void oneStepIsTorchsLossAndGradient(String name) {
    JsonNode ref = ReferenceJson.read("torch/models-benchmark-" + name + ".json");
    JsonNode record = ref.get("model");
    double[][] x = ReferenceJson.matrix(ref.get("x"));
    int[] y = ReferenceJson.ints(ref.get("y"));
    List<double[]> initial = new ArrayList<>();
    record.get("params").forEach(p -> initial.add(ReferenceJson.doubles(p.get("values"))));
    Model model = Models.named(name, x[0].length, 10);
    try (NDManager m = NDManager.newBaseManager();
        TrainingRun run =
            new TrainingRun(
                model, m, x, y, x, y, x.length, "sgd", 1.0, initial, DataType.FLOAT64)) {
      double loss = run.update();
      assertEquals(record.get("float64").get("loss").asDouble(), loss, 1e-12, name + " loss");
      Map<String, double[]> after = run.snapshot();
      JsonNode grads = record.get("float64").get("grads");
      for (int t = 0; t < initial.size(); t++) {
        String param = model.parameters().get(t).name();
        double[] p1 = after.get("param." + param);
        double[] g = ReferenceJson.doubles(grads.get(t).get("values"));
        double[] p0 = initial.get(t);
        for (int i = 0; i < g.length; i++) {
          // p1 = p0 - g, rounded once in float64
          assertEquals(g[i], p0[i] - p1[i], 1e-12 * (1 + Math.abs(p0[i])), name + " " + param);
        }
      }
    }
  }
}
