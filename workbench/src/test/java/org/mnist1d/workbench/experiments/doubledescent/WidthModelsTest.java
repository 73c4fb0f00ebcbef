package org.mnist1d.workbench.experiments.doubledescent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.reference.ModelRun;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * The double-descent MLP and CNN against PyTorch (reference/torch/models-double-descent.json:
 * widths 3 and 12, 2 and 6 channels), and their parameter counts at the sweep's ends.
 */
class WidthModelsTest {

  @Test
  void modelsMatchTorchInFloat64AndFloat32() {
    JsonNode file = TorchReference.read("models-double-descent.json");
    assertEquals(4, file.get("models").size());
    for (JsonNode record : file.get("models")) {
      Model model =
          WidthModels.named(record.get("kind").asText(), record.get("width").asInt(), 40, 10);
      assertEquals(record.get("param_count").asLong(), model.parameterCount(), record.toString());
      ModelRun.assertMatches(model, file, record, "float64", 1e-12);
      ModelRun.assertMatches(model, file, record, "float32", 1e-5);
    }
  }

  @Test
  void parameterCountsAtTheEndsOfTheSweeps() {
    // the published ranges: MLP 118 (n=2) to 105,610 (n=300); CNN 150 (c=2) to 65,810 (c=100)
    Map<String, Long> expected =
        Map.of("mlp 2", 118L, "mlp 300", 105_610L, "cnn 2", 150L, "cnn 100", 65_810L);
    expected.forEach(
        (k, v) -> {
          String[] kw = k.split(" ");
          assertEquals(
              v, WidthModels.named(kw[0], Integer.parseInt(kw[1]), 40, 10).parameterCount(), k);
        });
  }
}
