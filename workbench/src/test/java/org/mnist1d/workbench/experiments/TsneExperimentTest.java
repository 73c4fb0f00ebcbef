package org.mnist1d.workbench.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.LegacyRandom;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.PositionShuffle;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.embedding.Embedding;
import org.mnist1d.workbench.embedding.EmbeddingQuality;
import org.mnist1d.workbench.embedding.Tsne;
import org.mnist1d.workbench.embedding.TsneSettings;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.nn.WeightsFile;

/**
 * Small {@code tsne} runs through {@code workbench run}, one per source: the layout is the one
 * {@code Tsne.embed} gives for the same points, the files and results are consistent with it, a
 * classification run's saved weights reproduce its test accuracy, clustered features give a high
 * embedding kNN accuracy, and mistakes in the config are one line before any run starts.
 */
class TsneExperimentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** A short schedule so a run takes a second: 50 + 100 steps. */
  private static final String SHORT =
      "tsne: {early_iterations: 50, iterations: 100, perplexity: 10.0, threads: 1}\n";

  private static JsonNode summary(Path dir) throws Exception {
    return JSON.readTree(dir.resolve("summary.json").toFile());
  }

  /** Runs {@code yaml} and returns its single run directory. */
  private Path run(String name, String yaml) throws Exception {
    Path config = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    Path runs = tmp.resolve(name);
    CommandRun out =
        CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertEquals(0, out.code(), out.err());
    try (var s = Files.list(runs)) {
      Path dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
      assertEquals("done", summary(dir).get("status").asText(), summary(dir).toString());
      return dir;
    }
  }

  /** embedding.csv as rows of (x, y), labels and splits. */
  private record Csv(double[][] y, int[] labels, String[] splits) {}

  private static Csv csv(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("embedding.csv"));
    assertEquals("x,y,label,split", lines.get(0));
    int n = lines.size() - 1;
    double[][] y = new double[n][2];
    int[] labels = new int[n];
    String[] splits = new String[n];
    for (int i = 0; i < n; i++) {
      String[] c = lines.get(i + 1).split(",");
      y[i][0] = Double.parseDouble(c[0]);
      y[i][1] = Double.parseDouble(c[1]);
      labels[i] = Integer.parseInt(c[2]);
      splits[i] = c[3];
    }
    return new Csv(y, labels, splits);
  }

  @Test
  void mnist1dInputsGiveTheLayoutTsneGivesAndConsistentResults() throws Exception {
    Path dir =
        run("raw", "experiment: tsne\nsource: mnist1d\ndataset: {num_samples: 200}\n" + SHORT);
    Mnist1dData d = Mnist1d.generate(Mnist1dArgs.fromMap(Map.of("num_samples", 200)));
    double[][] x = new double[200][];
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      x[i] = i < 160 ? d.x()[i] : d.xTest()[i - 160];
      labels[i] = i < 160 ? d.y()[i] : d.yTest()[i - 160];
    }
    Embedding direct =
        Tsne.embed(
            x,
            TsneSettings.openTsneDefaults()
                .withPerplexity(10)
                .withIterations(50, 100)
                .withThreads(1));
    Csv csv = csv(dir);
    assertArrayEquals(labels, csv.labels(), "train then test, in the dataset's order");
    assertEquals("train", csv.splits()[159]);
    assertEquals("test", csv.splits()[160]);
    for (int i = 0; i < 200; i++) {
      assertArrayEquals(direct.y()[i], csv.y()[i], 0.0, "point " + i);
    }
    JsonNode r = summary(dir).get("results");
    assertEquals(direct.klDivergence(), r.get("kl_divergence").asDouble(), 0.0);
    assertEquals(direct.earlyKlDivergence(), r.get("kl_divergence_early").asDouble(), 0.0);
    assertEquals(
        EmbeddingQuality.knnAccuracy(csv.y(), labels, 10), r.get("knn_acc").asDouble(), 0.0);
    assertEquals(
        EmbeddingQuality.knnAccuracy(x, labels, 10), r.get("knn_acc_input").asDouble(), 0.0);
    assertEquals(200, r.get("points").asInt());
    assertEquals(40, r.get("dimensions").asInt());
    assertEquals("MNIST-1D inputs (40-D)", r.get("input").asText());
    assertTrue(r.get("wall_time_s").asDouble() > 0);
    List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
    assertEquals("iteration,kl_divergence", metrics.get(0));
    assertTrue(metrics.get(metrics.size() - 1).startsWith("150,"), metrics.toString());
    for (String f :
        List.of(
            "embedding.png",
            "embedding.svg",
            "report/report.html",
            "report/kl.png",
            "report/kl.svg",
            "report/embedding-1.png",
            "report/embedding-1.svg")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
  }

  /**
   * A shuffled CNN run: its weights.npz, with the input permutation, gives back exactly the test
   * accuracy the run reported; the t-SNE of its penultimate layer has one 125-D row per example.
   */
  @Test
  void classificationRunsPenultimateLayerIsEmbedded() throws Exception {
    Path cnn =
        run(
            "cnn",
            String.join(
                "\n",
                "experiment: classification",
                "model: cnn",
                "shuffle: true",
                "dataset: {num_samples: 300}",
                "training: {steps: 30, eval_every: 30}",
                ""));
    Model model = Models.named("cnn", 40, 10);
    List<double[]> params = WeightsFile.read(cnn.resolve("weights.npz"), model);
    Mnist1dData d = Mnist1d.generate(Mnist1dArgs.fromMap(Map.of("num_samples", 300)));
    long[] positions = Npz.readArrays(cnn.resolve("weights.npz")).get("input.positions").longs();
    int[] expected = new LegacyRandom(42).permutation(40);
    for (int j = 0; j < 40; j++) {
      assertEquals(expected[j], positions[j]);
    }
    double[][] xTest = PositionShuffle.apply(d.xTest(), expected);
    assertEquals(
        summary(cnn).at("/results/test_acc").asDouble(),
        accuracy(model, params, xTest, d.yTest()),
        1e-9,
        "the saved weights are the run's final ones");

    // a pattern in the last part of the path: the newest matching run with weights.npz
    Path dir =
        run(
            "learned",
            "experiment: tsne\nsource: classification\nrun: '"
                + cnn.getParent()
                + "/classification-*'\n"
                + SHORT);
    JsonNode r = summary(dir).get("results");
    assertEquals(cnn.toString(), r.get("source_run").asText());
    assertEquals(300, r.get("points").asInt());
    assertEquals(125, r.get("dimensions").asInt());
    assertEquals("cnn penultimate layer (125-D, shuffled positions)", r.get("input").asText());
    int[] labels = new int[300];
    for (int i = 0; i < 300; i++) {
      labels[i] = i < 240 ? d.y()[i] : d.yTest()[i - 240];
    }
    assertArrayEquals(labels, csv(dir).labels());
  }

  /** Test accuracy (%) of {@code model} with {@code params}, in float32 as training evaluates. */
  private static double accuracy(Model model, List<double[]> params, double[][] x, int[] y) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDList p = Initialization.arrays(model, params, m, DataType.FLOAT32);
      double[] flat = new double[x.length * 40];
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(x[i], 0, flat, i * 40, 40);
      }
      NDArray logits =
          model.forward(p, ArrayValues.of(m, flat, new Shape(x.length, 40), DataType.FLOAT32));
      long[] predicted = logits.argMax(1).toLongArray();
      int correct = 0;
      for (int i = 0; i < y.length; i++) {
        correct += predicted[i] == y[i] ? 1 : 0;
      }
      return 100.0 * correct / y.length;
    }
  }

  /** Features that cluster by class (an ssl run's features.npz) give a high embedding kNN score. */
  @Test
  void clusteredSslFeaturesSeparateInTheEmbedding() throws Exception {
    Path ssl = Files.createDirectories(tmp.resolve("ssl-run"));
    SplittableRandom random = new SplittableRandom(4);
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    for (String split : List.of("train", "test")) {
      int n = split.equals("train") ? 120 : 30;
      double[] h = new double[n * 16];
      double[] z = new double[n * 4];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = i % 3;
        for (int j = 0; j < 16; j++) {
          h[i * 16 + j] = (j == y[i] ? 8 : 0) + random.nextGaussian();
        }
        for (int j = 0; j < 4; j++) {
          z[i * 4 + j] = random.nextGaussian();
        }
      }
      arrays.put("h_" + split, Npy.float64(h, n, 16));
      arrays.put("z_" + split, Npy.float64(z, n, 4));
      arrays.put("y_" + split, Npy.int64(y));
    }
    Npz.writeArrays(ssl.resolve("features.npz"), arrays);
    Path dir = run("h", "experiment: tsne\nsource: ssl\nrun: '" + ssl + "'\n" + SHORT);
    JsonNode r = summary(dir).get("results");
    assertEquals("SSL features h (16-D)", r.get("input").asText());
    assertEquals(150, r.get("points").asInt());
    assertTrue(r.get("knn_acc").asDouble() > 0.95, r.toString());
    Path noise =
        run(
            "z",
            "experiment: tsne\nsource: ssl\nfeatures: z\nsplit: test\nrun: '"
                + ssl
                + "'\n"
                + SHORT);
    JsonNode rz = summary(noise).get("results");
    assertEquals(30, rz.get("points").asInt());
    assertTrue(rz.get("knn_acc").asDouble() < 0.7, "noise features stay mixed: " + rz);
  }

  /** An IDX dataset, subsampled as NumPy's seed(s); permutation(n)[:k] would pick. */
  @Test
  void idxImagesAreSubsampledReproducibly() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("idx"));
    int n = 80;
    int[] labels = new int[n];
    byte[] pixels = new byte[n * 4 * 4];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < 16; p++) {
        pixels[i * 16 + p] = (byte) (p == labels[i] ? 250 : (i * 7 + p) % 30);
      }
    }
    byte[] labelBytes = new byte[n];
    for (int i = 0; i < n; i++) {
      labelBytes[i] = (byte) labels[i];
    }
    Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {n, 4, 4}, pixels));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {n}, labelBytes));
    Files.write(
        dir.resolve("t10k-images-idx3-ubyte"),
        idx(new int[] {10, 4, 4}, java.util.Arrays.copyOf(pixels, 160)));
    Files.write(
        dir.resolve("t10k-labels-idx1-ubyte"),
        idx(new int[] {10}, java.util.Arrays.copyOf(labelBytes, 10)));
    Path out =
        run(
            "images",
            "experiment: tsne\nseed: 3\nsource: idx\nsplit: train\nsubsample: 50\nknn_k: 3\nidx_dir: '"
                + dir
                + "'\n"
                + SHORT);
    int[] chosen = java.util.Arrays.copyOf(new LegacyRandom(3).permutation(n), 50);
    java.util.Arrays.sort(chosen);
    int[] expected = new int[50];
    for (int i = 0; i < 50; i++) {
      expected[i] = labels[chosen[i]];
    }
    assertArrayEquals(expected, csv(out).labels());
    JsonNode r = summary(out).get("results");
    assertEquals("idx images (4x4 = 16-D)", r.get("input").asText());
    assertTrue(r.get("knn_acc_input").asDouble() >= 0.9, "one bright pixel per class: " + r);
  }

  private static byte[] idx(int[] dims, byte[] data) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x00000800 | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    return b.toByteArray();
  }

  @Test
  void aPatternMatchingNoFinishedRunFailsTheRunSayingSo() throws Exception {
    Path config =
        Files.writeString(
            tmp.resolve("none.yaml"),
            "experiment: tsne\nsource: classification\nrun: '" + tmp + "/nothing-*'\n" + SHORT);
    CommandRun.of("run", config.toString(), "--runs-dir", tmp.resolve("n").toString(), "--quiet");
    try (var s = Files.list(tmp.resolve("n"))) {
      JsonNode summary = summary(s.findFirst().orElseThrow());
      assertEquals("failed", summary.get("status").asText());
      assertEquals(
          "run: no finished classification run matches '"
              + tmp
              + "/nothing-*' (none has weights.npz); make one first",
          summary.get("error").asText());
    }
  }

  @Test
  void configMistakesAreOneLineBeforeAnyRun() throws Exception {
    String[][] cases = {
      {
        "source: classification\n", "run: source classification reads a finished classification run"
      },
      {"source: ssl\nrun: nowhere\n", "run: 'nowhere' has no features.npz (no such directory)"},
      {"source: idx\nidx_dir: nowhere\n", "idx_dir: expected a directory with MNIST's files"},
      {
        "source: mnist2d\n",
        "source: expected one of mnist1d, ssl, classification, idx, got 'mnist2d'"
      },
      {"tsne: {momentum: 1.0}\n", "tsne.momentum: expected a number in [0, 1), got 1.0"},
    };
    for (String[] c : cases) {
      Path config = Files.writeString(tmp.resolve("bad.yaml"), "experiment: tsne\n" + c[0]);
      CommandRun out =
          CommandRun.of(
              "run", config.toString(), "--runs-dir", tmp.resolve("bad").toString(), "--quiet");
      assertEquals(2, out.code(), out.err());
      assertEquals(1, out.err().strip().lines().count(), out.err());
      assertTrue(out.err().contains(c[1]), c[0] + " -> " + out.err());
      assertTrue(!Files.exists(tmp.resolve("bad")), "no run directory");
    }
  }
}
