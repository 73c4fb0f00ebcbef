package org.mnist1d.workbench.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.workbench.base.Template;

/**
 * A registered experiment: its config schema plus what one run does. Adding an experiment means one
 * package with a class implementing this (with a public no-argument constructor), its line in
 * {@code META-INF/services/org.mnist1d.workbench.experiment.Experiment}, and a YAML file in
 * configs/.
 */
public interface Experiment extends ExperimentSchema {
  /**
   * Runs, or resumes when {@link RunContext#resumeFrom()} is present, one configured run. Logs
   * metrics and final results through {@code ctx}; throw {@link RunFailure} to end it as failed.
   */
  void run(RunContext ctx) throws Exception;

  /**
   * Whether a run spends nearly all its time in the engine's kernels (training steps), not in Java
   * loops. Sweep workers of such an experiment that fill every core run with the JVM's quick
   * compiler only (C1, no C2) and the serial collector: the JVM's background work would take the
   * cores from training and buy little, the time being in native code. False (the safe default)
   * where Java loops matter, as t-SNE's gradient and the probes' L-BFGS do: with C1 alone they run
   * at half speed.
   */
  default boolean timeInEngine() {
    return false;
  }

  /**
   * The report written into the run directory when the run ends, as report YAML text (it may depend
   * on the run's {@code config}, e.g. on which baselines ran).
   */
  default Optional<String> defaultReport(Config config) {
    return Optional.empty();
  }

  /**
   * The text of the resource {@code name} beside {@code owner}'s class file (a report template).
   */
  static String resourceText(Class<?> owner, String name) {
    return Template.text(owner, name);
  }

  /**
   * The rows of the CSV resource {@code name} beside {@code owner}'s class file (published
   * numbers), each a map from the header's column names to the cells' text; lines starting with '#'
   * (where the numbers come from) and blank lines are skipped. Cells hold no commas.
   */
  static List<Map<String, String>> resourceRows(Class<?> owner, String name) {
    List<String> lines =
        resourceText(owner, name).lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    String[] head = lines.get(0).split(",");
    List<Map<String, String>> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] cells = l.split(",", -1);
      if (cells.length != head.length) {
        throw new IllegalStateException(
            "resource "
                + name
                + " beside "
                + owner.getName()
                + ": a row of "
                + cells.length
                + " cells under "
                + head.length
                + " columns: "
                + l);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < head.length; i++) {
        row.put(head[i], cells[i]);
      }
      out.add(row);
    }
    return out;
  }
}
