package org.mnist1d.workbench.experiments.lottery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published numbers of the lottery notebook, kept as CSV resources beside this class (each
 * file's first line says where its numbers come from): {@code published-search.csv} (every round of
 * both trials and criteria), {@code published-ablations.csv}, {@code published-adjacency.csv}.
 */
final class Published {
  private Published() {}

  /** The rows of resource {@code name} as column-to-text maps ('#' lines skipped). */
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

  /** The published search: per round, the mean over both trials of the final test accuracy. */
  static double[] searchMean(String criterion) {
    String p = criterion.equals("magnitude") ? "lott" : "rand";
    return rows("published-search.csv").stream()
        .mapToDouble(
            r ->
                (Double.parseDouble(r.get(p + "_t0_last"))
                        + Double.parseDouble(r.get(p + "_t1_last")))
                    / 2)
        .toArray();
  }

  /** The published final accuracy of one ablation, mean over trials ({@code mask}: dense, ...). */
  static double ablation(String variant, String mask) {
    return rows("published-ablations.csv").stream()
        .filter(r -> r.get("variant").equals(variant) && r.get("mask").equals(mask))
        .mapToDouble(r -> Double.parseDouble(r.get("mean")))
        .findFirst()
        .orElse(Double.NaN);
  }
}
