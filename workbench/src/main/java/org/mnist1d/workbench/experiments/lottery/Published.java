package org.mnist1d.workbench.experiments.lottery;

import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.experiment.Experiment;

/**
 * The published numbers of the lottery notebook, kept as CSV resources beside this class (each
 * file's first line says where its numbers come from): {@code published-search.csv} (every round of
 * both trials and criteria), {@code published-ablations.csv}, {@code published-adjacency.csv}.
 */
final class Published {
  private Published() {}

  /** The rows of resource {@code name} beside this class ('#' lines skipped). */
  static List<Map<String, String>> rows(String name) {
    return Experiment.resourceRows(Published.class, name);
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
