package org.mnist1d.workbench.experiments.ssl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.Mnist1dData;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.figures.LineChart;
import org.mnist1d.workbench.probe.ProbeAccuracy;

/**
 * The SSL run's tables and figures: the linear probe on every layer ({@code layers.csv}), the
 * claims beside the published numbers ({@code claims.csv}), the probe curves ({@code
 * report/probes.png}) and the layer-wise accuracy ({@code report/layers.png}).
 */
final class SslReport {
  private SslReport() {}

  private static final java.awt.Color KNN = new java.awt.Color(0xD62728);
  private static final java.awt.Color LINEAR = new java.awt.Color(0x1F5FBF);

  /** Probes every layer (raw pixels first) and writes layers.csv and claims.csv. */
  static void write(
      RunContext ctx,
      String projector,
      List<double[][]> train,
      List<double[][]> test,
      Mnist1dData data,
      double pixelKnn,
      double pixelLinear)
      throws IOException {
    double[] published = Published.layers(projector);
    StringBuilder csv = new StringBuilder("layer,name,dims,linear_acc,published_linear_acc\n");
    int best = 0;
    double[] acc = new double[train.size()];
    for (int i = 0; i < train.size(); i++) {
      acc[i] =
          i == 0
              ? pixelLinear
              : ProbeAccuracy.linear(train.get(i), data.y(), test.get(i), data.yTest());
      if (acc[i] > acc[best]) {
        best = i;
      }
      csv.append(i)
          .append(',')
          .append(name(i, train.size()))
          .append(',')
          .append(train.get(i)[0].length)
          .append(',')
          .append(acc[i])
          .append(',')
          .append(i < published.length ? Double.toString(published[i]) : "NaN")
          .append('\n');
    }
    Files.writeString(ctx.dir().resolve("layers.csv"), csv.toString(), StandardCharsets.UTF_8);
    ctx.result("best_layer", best);
    ctx.result("best_layer_acc", acc[best]);
    ctx.result("last_layer_acc", acc[acc.length - 1]);
    ctx.result("features_layer_acc", acc[3]);

    int publishedBest = 0;
    for (int i = 1; i < published.length; i++) {
      if (published[i] > published[publishedBest]) {
        publishedBest = i;
      }
    }
    List<double[]> probes = Published.probes(projector);
    double[] end =
        probes.isEmpty() ? new double[] {0, Double.NaN, Double.NaN} : probes.get(probes.size() - 1);
    Map<String, double[]> claims = new LinkedHashMap<>();
    claims.put("pixel_knn_acc", new double[] {pixelKnn, 59.6});
    claims.put("pixel_linear_acc", new double[] {pixelLinear, 32.8});
    List<Map<String, String>> rows = read(ctx.dir().resolve("metrics.csv"));
    Map<String, String> last = rows.get(rows.size() - 1);
    claims.put("knn_acc", new double[] {Double.parseDouble(last.get("knn_acc")), end[1]});
    claims.put("linear_acc", new double[] {Double.parseDouble(last.get("linear_acc")), end[2]});
    claims.put("best_layer", new double[] {best, publishedBest});
    claims.put("best_layer_acc", new double[] {acc[best], published[publishedBest]});
    claims.put(
        "last_layer_acc", new double[] {acc[acc.length - 1], published[published.length - 1]});
    StringBuilder c = new StringBuilder("claim,measured,published\n");
    claims.forEach(
        (k, v) -> c.append(k).append(',').append(v[0]).append(',').append(v[1]).append('\n'));
    Files.writeString(ctx.dir().resolve("claims.csv"), c.toString(), StandardCharsets.UTF_8);
  }

  /** The name of layer {@code i} of {@code count}: x, h1, h2, h3, then p1, p2, ... */
  static String name(int i, int count) {
    return i == 0 ? "x" : i <= 3 ? "h" + i : "p" + (i - 3);
  }

  /**
   * The probe curves and the layer-wise accuracy, with the pixel baselines and published points.
   */
  static void figures(
      RunContext ctx,
      String projector,
      List<Map<String, String>> rows,
      double pixelKnn,
      double pixelLinear)
      throws IOException {
    double[] epoch = column(rows, "epoch");
    double[] span = {0, epoch[epoch.length - 1]};
    LineChart.Lines probes =
        new LineChart.Lines()
            .add("kNN on Z", epoch, column(rows, "knn_acc"))
            .add("linear on H", epoch, column(rows, "linear_acc"))
            .dashed("kNN on pixels", span, new double[] {pixelKnn, pixelKnn})
            .dashed("linear on pixels", span, new double[] {pixelLinear, pixelLinear})
            .color("kNN on Z", KNN)
            .color("kNN on pixels", KNN)
            .color("linear on H", LINEAR)
            .color("linear on pixels", LINEAR);
    List<double[]> pub = Published.probes(projector);
    if (!pub.isEmpty()) {
      probes.points(
          "kNN (published)",
          pub.stream().mapToDouble(p -> p[0]).toArray(),
          pub.stream().mapToDouble(p -> p[1]).toArray());
      probes.points(
          "linear (published)",
          pub.stream().mapToDouble(p -> p[0]).toArray(),
          pub.stream().mapToDouble(p -> p[2]).toArray());
      probes.color("kNN (published)", KNN).color("linear (published)", LINEAR);
    }
    LineChart.save(
        ctx.dir().resolve("report").resolve("probes.png"),
        "Probe accuracy during training (" + projector + " projector)",
        "epoch",
        "test accuracy (%)",
        probes);
    List<Map<String, String>> layers = read(ctx.dir().resolve("layers.csv"));
    double[] index = column(layers, "layer");
    double[] published = Published.layers(projector);
    LineChart.Lines l =
        new LineChart.Lines()
            .add("measured", index, column(layers, "linear_acc"))
            .points("published", java.util.Arrays.copyOf(index, published.length), published)
            .yRange(30, 90);
    LineChart.save(
        ctx.dir().resolve("report").resolve("layers.png"),
        "Linear accuracy per layer (" + projector + " projector; 0 = pixels)",
        "layer",
        "linear accuracy (%)",
        l);
  }

  static double[] column(List<Map<String, String>> rows, String name) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
  }

  /** A CSV file's rows as column-to-text maps. */
  static List<Map<String, String>> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] head = lines.get(0).split(",");
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      Map<String, String> r = new LinkedHashMap<>();
      for (int i = 0; i < head.length; i++) {
        r.put(head[i], cells[i]);
      }
      out.add(r);
    }
    return out;
  }
}
