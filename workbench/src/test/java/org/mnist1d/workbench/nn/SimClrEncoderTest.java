package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mnist1d.workbench.nn.TorchRecords.assertClose;
import static org.mnist1d.workbench.nn.TorchRecords.flat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SimCLR encoder's three variants against PyTorch (projector width 32 in the reference): every
 * layer's output in float64, H and Z in float32.
 */
class SimClrEncoderTest {

  @ParameterizedTest
  @CsvSource({
    "standard, float64, 1e-12",
    "none, float64, 1e-12",
    "deep, float64, 1e-12",
    "standard, float32, 1e-5",
    "none, float32, 1e-5",
    "deep, float32, 1e-5"
  })
  void layersMatchPyTorch(String variant, String dtype, double tol) {
    JsonNode file = TorchRecords.load("models-simclr-" + variant + ".json");
    JsonNode record = file.get("model");
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    SimClrEncoder encoder =
        new SimClrEncoder(
            40,
            record.get("channels").asInt(),
            SimClrEncoder.Projector.named(variant),
            record.get("hidden_dim").asInt(),
            record.get("output_dim").asInt());
    assertEquals(record.get("param_count").asLong(), encoder.parameterCount());
    JsonNode ref = record.get(dtype);
    try (NDManager m = NDManager.newBaseManager()) {
      NDList params = TorchRecords.params(m, encoder, record, type);
      NDArray x = TorchRecords.matrix(m, file.get("x"), type);
      assertClose(
          flat(ref.get("H")),
          ArrayValues.values(encoder.features(params, x)),
          tol,
          variant + " " + dtype + " H");
      assertClose(
          flat(ref.get("Z")),
          ArrayValues.values(encoder.forward(params, x)),
          tol,
          variant + " " + dtype + " Z");
      if (dtype.equals("float64")) {
        NDList layers = encoder.layers(params, x);
        JsonNode order = record.get("layer_order");
        assertEquals(order.size(), layers.size(), variant + " layer count");
        for (int i = 0; i < order.size(); i++) {
          String name = order.get(i).asText();
          assertClose(
              flat(ref.get(name)),
              ArrayValues.values(layers.get(i)),
              tol,
              variant + " layer " + name);
        }
      }
    }
  }

  @Test
  void upstreamSizes() {
    // the notebook prints 21,716 (default), 3,950 (no projector) and 53,216 (deep) parameters
    assertEquals(21716, SimClrEncoder.upstream(SimClrEncoder.Projector.STANDARD).parameterCount());
    assertEquals(3950, SimClrEncoder.upstream(SimClrEncoder.Projector.NONE).parameterCount());
    assertEquals(53216, SimClrEncoder.upstream(SimClrEncoder.Projector.DEEP).parameterCount());
    assertEquals(125, SimClrEncoder.upstream(SimClrEncoder.Projector.NONE).featureDim());
  }
}
