package org.mnist1d.workbench.experiments.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.reference.ModelRun;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * The five pooling variants against PyTorch (reference/torch/models-pooling-*.json): feature maps,
 * logits, loss and every gradient, in float64 and float32; and the L2 pool's gradient where whole
 * windows are zero.
 */
class PoolingNetTest {
  private static final Map<String, Long> PARAMETERS =
      Map.of(
          "no_pool",
          9310L,
          "stride_2",
          3310L,
          "max_pool",
          3310L,
          "avg_pool",
          3310L,
          "l2_pool",
          3310L);

  @ParameterizedTest
  @ValueSource(strings = {"no_pool", "stride_2", "max_pool", "avg_pool", "l2_pool"})
  void variantMatchesTorch(String name) {
    JsonNode file = TorchReference.read("models-pooling-" + name + ".json");
    JsonNode record = file.get("model");
    PoolingNet net = new PoolingNet(Downsampling.named(name).orElseThrow(), 20, 40, 10);
    assertEquals(PARAMETERS.get(name), net.parameterCount());
    assertEquals(record.get("param_count").asLong(), net.parameterCount());
    ModelRun.Outputs o = ModelRun.run(net, file, record, DataType.FLOAT64, net::features);
    JsonNode f64 = record.get("float64");
    TorchReference.assertCloseToScale(
        TorchReference.doubles(f64.get("h1")), o.extra().get(0), 1e-12, name + " h1");
    TorchReference.assertCloseToScale(
        TorchReference.doubles(f64.get("h2")), o.extra().get(1), 1e-12, name + " h2");
    ModelRun.assertMatches(net, file, record, "float64", 1e-12);
    ModelRun.assertMatches(net, file, record, "float32", 1e-5);
  }

  @Test
  void l2PoolGradientIsZeroNotNanOnAllZeroWindows() {
    JsonNode file = TorchReference.read("models-pooling-l2-zero-windows.json");
    JsonNode record = file.get("model");
    PoolingNet net = new PoolingNet(Downsampling.L2_POOL, 4, 40, 10);
    assertEquals(record.get("param_count").asLong(), net.parameterCount());
    for (String dtype : List.of("float64", "float32")) {
      double tol = dtype.equals("float64") ? 1e-12 : 1e-5;
      ModelRun.Outputs o = ModelRun.assertMatches(net, file, record, dtype, tol);
      ModelRun.Outputs withFeatures =
          ModelRun.run(
              net,
              file,
              record,
              dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32,
              net::features);
      TorchReference.assertCloseToScale(
          TorchReference.doubles(record.get(dtype).get("h1")),
          withFeatures.extra().get(0),
          tol,
          "h1");
      double[] h2 = withFeatures.extra().get(1);
      int zeros = 0;
      for (double v : h2) {
        zeros += v == 0 ? 1 : 0;
      }
      assertEquals(record.get("zero_windows").get("layer2").asInt(), zeros, "all-zero windows");
      for (double[] g : o.grads()) {
        for (double v : g) {
          assertTrue(Double.isFinite(v), dtype + ": a gradient is " + v);
        }
      }
      // channels 1 and 3 of conv1 are dead (bias -100): their weights get no gradient at all
      double[] conv1 = o.grads().get(0);
      for (int k = 0; k < 3; k++) {
        assertEquals(0.0, conv1[3 + k], dtype);
        assertEquals(0.0, conv1[9 + k], dtype);
      }
    }
  }

  @Test
  void everyVariantStartsFromTheSameConvolutionsForOneSeed() {
    List<double[]> a = Initialization.values(new PoolingNet(Downsampling.NO_POOL, 20, 40, 10), 0);
    List<double[]> b = Initialization.values(new PoolingNet(Downsampling.L2_POOL, 20, 40, 10), 0);
    List<double[]> c = Initialization.values(new PoolingNet(Downsampling.MAX_POOL, 20, 40, 10), 0);
    for (int i = 0; i < 4; i++) {
      assertTrue(java.util.Arrays.equals(a.get(i), b.get(i)), "conv parameter " + i);
    }
    for (int i = 0; i < 6; i++) {
      assertTrue(java.util.Arrays.equals(b.get(i), c.get(i)), "parameter " + i);
    }
  }
}
