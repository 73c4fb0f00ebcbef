package org.mnist1d.workbench.experiments.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSL notebook's published numbers, CSV resources beside this class (each file's first line
 * says where they come from): {@code published-layers.csv} and {@code published-probes.csv}.
 */
final class Published {
  private Published() {}

  static List<Map<String, String>> rows(String name) {
    try (InputStream in = Published.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing beside " + Published.class);
      }
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.startsWith("#") && !l.isBlank())
              .toList();
      String[] head = lines.get(0).split(",");
      List<Map<String, String>> out = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        String[] cells = l.split(",");
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < head.length; i++) {
          row.put(head[i], cells[i]);
        }
        out.add(row);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Published per-layer linear accuracy of {@code projector}, by layer index. */
  static double[] layers(String projector) {
    return rows("published-layers.csv").stream()
        .filter(r -> r.get("projector").equals(projector))
        .mapToDouble(r -> Double.parseDouble(r.get("linear_acc")))
        .toArray();
  }

  /** Published probe rows of {@code projector}: epoch, kNN, linear. */
  static List<double[]> probes(String projector) {
    return rows("published-probes.csv").stream()
        .filter(r -> r.get("projector").equals(projector))
        .map(
            r ->
                new double[] {
                  Double.parseDouble(r.get("epoch")),
                  Double.parseDouble(r.get("knn_acc")),
                  Double.parseDouble(r.get("linear_acc"))
                })
        .toList();
  }
}
