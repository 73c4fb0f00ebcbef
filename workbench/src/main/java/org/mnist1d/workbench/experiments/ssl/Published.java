package org.mnist1d.workbench.experiments.ssl;

import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.experiment.Experiment;

/**
 * The SSL notebook's published numbers, CSV resources beside this class (each file's first line
 * says where they come from): {@code published-layers.csv} and {@code published-probes.csv}.
 */
final class Published {
  private Published() {}

  /** The rows of resource {@code name} beside this class ('#' lines skipped). */
  static List<Map<String, String>> rows(String name) {
    return Experiment.resourceRows(Published.class, name);
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
