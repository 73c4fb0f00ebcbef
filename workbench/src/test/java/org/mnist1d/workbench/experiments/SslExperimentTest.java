package org.mnist1d.workbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.cli.CommandRun;

/**
 * A tiny SSL run through {@code workbench run}: its files, features and layer table, the pixel
 * baselines, and a run stopped after its first probe resuming to the same numbers.
 */
class SslExperimentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static final String SSL =
      String.join(
          "\n",
          "experiment: ssl",
          "name: tiny-ssl",
          "seed: 3",
          "dataset: {num_samples: 300}",
          "projector: deep",
          "model: {channels: 4, width: 8, output_dim: 4}",
          "training: {epochs: 4, batch: 40, lr: 0.01, tau: 0.5}",
          "probe_every: 2",
          "");

  private static JsonNode summary(Path dir) throws Exception {
    return JSON.readTree(dir.resolve("summary.json").toFile());
  }

  private static Path only(Path runs) throws Exception {
    try (var st = Files.list(runs)) {
      return st.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  /** metrics.csv without its wall-clock column. */
  private static List<String> numbers(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve("metrics.csv")).stream()
        .map(l -> l.substring(0, l.lastIndexOf(',')))
        .toList();
  }

  @Test
  void runsProbesEveryLayerAndResumesExactly() throws Exception {
    Path config = Files.writeString(tmp.resolve("ssl.yaml"), SSL);
    CommandRun out =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("a").toString(), "--quiet");
    assertEquals(0, out.code(), out.err());
    Path dir = only(tmp.resolve("a"));
    JsonNode s = summary(dir);
    assertEquals("done", s.get("status").asText(), s.toString());
    // the pixel baselines do not depend on training: 30 and 33 of 100 on these 60 test examples;
    // four epochs of a 4-channel encoder on 240 examples stay near chance (8-15), so the
    // features' probes are only checked to be shares of the 60 test examples
    for (String k : List.of("pixel_knn_acc", "pixel_linear_acc")) {
      double v = s.at("/results/" + k).asDouble();
      assertTrue(v > 20 && v <= 100, k + " " + v);
    }
    for (String k : List.of("knn_acc", "linear_acc")) {
      double correct = s.at("/results/" + k).asDouble() * 60 / 100;
      assertEquals(Math.rint(correct), correct, 1e-9, k + ": a share of 60 examples");
    }
    assertEquals("epoch,loss,knn_acc,linear_acc,seconds", numbers(dir).get(0) + ",seconds");
    assertEquals(3, numbers(dir).size()); // epochs 2 and 4
    // deep: pixels, three convolutions, four projector layers
    List<String> layers = Files.readAllLines(dir.resolve("layers.csv"));
    assertEquals(9, layers.size());
    assertTrue(layers.get(2).startsWith("1,h1,76,"), layers.get(2)); // 4 channels x 19
    assertTrue(layers.get(8).startsWith("7,p4,4,"), layers.get(8));
    // the layout the tsne experiment reads (docs/embedding.md)
    Map<String, Npy.Array> features = Npz.readArrays(dir.resolve("features.npz"));
    assertEquals(
        List.of("h_train", "h_test", "z_train", "z_test", "y_train", "y_test"),
        List.copyOf(features.keySet()));
    Npy.Array h = features.get("h_train");
    assertEquals(240, h.shape()[0]);
    assertEquals(20, h.shape()[1]); // 4 channels x 5
    assertEquals(4, features.get("z_test").shape()[1]);
    assertEquals(features.get("h_test").shape()[0], features.get("y_test").shape()[0]);
    Npy.Array z0 = Npz.readArrays(dir.resolve("features-untrained.npz")).get("z_train");
    assertEquals(4, z0.shape()[1]);
    assertTrue(Files.size(dir.resolve("report/probes.png")) > 1000);
    assertTrue(Files.size(dir.resolve("report/layers.png")) > 1000);
    assertTrue(Files.readString(dir.resolve("claims.csv")).startsWith("claim,measured,published"));

    // the same run stopped after its first probe, then resumed
    Path runs = tmp.resolve("b");
    Path stopped = CommandRun.interruptedRun(config, runs, 1);
    assertFalse(summary(stopped).get("status").asText().equals("done"), "stopped before the end");
    CommandRun resumed = CommandRun.of("run", "--resume", stopped.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(numbers(dir), numbers(stopped));
    assertEquals(
        Files.readAllLines(dir.resolve("layers.csv")),
        Files.readAllLines(stopped.resolve("layers.csv")));
  }
}
