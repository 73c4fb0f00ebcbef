package org.mnist1d.workbench.meta;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnist1d.workbench.data.Mnist1dData;

/**
 * {@code metalearn-lr}: learn SGD's learning rate by exact metagradients through 200 unrolled
 * inner steps (published setup, shared/spec/experiments.md section 2). One run per initial
 * learning rate; the sweep report overlays the trials.
 */
public final class LearningRateExperiment {
  /** The experiment's registered name. */
  public static final String NAME = "metalearn-lr";

  static final List<String> COLUMNS = List.of("outer_step", "lr", "meta_loss", "final_inner_loss", "metagradient",
      "next_lr", "seconds");

  private LearningRateExperiment() {}

  /** The published parameters. */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("initial_lr", 1.5);
    d.put("hidden", 50);
    d.put("batch", 50);
    d.put("inner_steps", 200);
    d.put("outer_steps", 50);
    d.put("outer_lr", 0.3);
    d.put("outer_momentum", 0.0);
    return d;
  }

  /** Runs (or resumes) one trial in {@code files}; returns its summary results. */
  static ObjectNode runPoint(Mnist1dData data, long seed, Map<String, Object> p, OuterRunFiles files, java.io.PrintStream log)
      throws Exception {
    LearningRateProblem.Settings s = new LearningRateProblem.Settings(MetaConfig.integer(p, "hidden"),
        MetaConfig.integer(p, "batch"), MetaConfig.integer(p, "inner_steps"), seed, DataType.FLOAT32);
    int outerSteps = MetaConfig.integer(p, "outer_steps");
    OuterOptimizer optimizer = OuterOptimizer.sgd(MetaConfig.number(p, "outer_lr"), MetaConfig.number(p, "outer_momentum"));
    OuterLoop.State state = files.checkpoint(
        new OuterLoop.State(0, new double[][] {{MetaConfig.number(p, "initial_lr")}}, new double[0][]));
    files.truncate("metrics.csv", state.step());
    files.status("running", null);
    long start = System.nanoTime();
    try (LearningRateProblem problem = new LearningRateProblem(data, s)) {
      OuterLoop.Problem evaluate = hyper -> {
        LearningRateProblem.OuterStep o = problem.outerStep(hyper[0][0]);
        return new OuterLoop.Outcome(o.metaLoss(), new double[][] {{o.gradient()}},
            Map.of("final_inner_loss", o.finalLoss()));
      };
      state = OuterLoop.run(evaluate, optimizer, state, outerSteps, (k, hyper, o, next) -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("outer_step", k);
        row.put("lr", hyper[0][0]);
        row.put("meta_loss", o.metaLoss());
        row.put("final_inner_loss", o.metrics().get("final_inner_loss"));
        row.put("metagradient", o.gradient()[0][0]);
        row.put("next_lr", next.hyper()[0][0]);
        row.put("seconds", (System.nanoTime() - start) / 1e9);
        files.append(row);
        files.saveCheckpoint(next);
        log.printf(Locale.ROOT, "%s: outer step %d lr %.4f meta-loss %.4f%n", NAME, k, hyper[0][0], o.metaLoss());
      });
    } catch (OuterLoop.Diverged d) {
      files.status("failed", d.getMessage());
      throw d;
    }
    List<Map<String, String>> rows = files.metrics();
    ObjectNode results = OuterRunFiles.object();
    results.put("final_lr", state.hyper()[0][0]);
    results.put("final_meta_loss", Double.parseDouble(rows.get(rows.size() - 1).get("meta_loss")));
    results.put("outer_steps", rows.size());
    files.summary(p, results);
    files.status("done", null);
    return results;
  }

  /** Runs every point of {@code config} under {@code dir} (resuming unfinished ones) and writes the report. */
  public static void run(MetaConfig config, Mnist1dData data, Path dir, java.io.PrintStream log) throws Exception {
    List<Map<String, Object>> points = config.points();
    List<Path> dirs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Map<String, Object> p : points) {
      String label = "initial_lr=" + p.get("initial_lr");
      Path d = points.size() == 1 ? dir : dir.resolve(label);
      dirs.add(d);
      labels.add(label);
      OuterRunFiles files = new OuterRunFiles(d, COLUMNS);
      if (files.state().equals("done")) {
        log.println(NAME + ": " + label + " already done");
        continue;
      }
      OuterRunFiles.writeAtomic(d.resolve("config.yaml"), config.resolvedYaml(p));
      ObjectNode r = runPoint(data, config.seed(), p, files, log);
      log.printf(Locale.ROOT, "%s: %s -> final lr %.4f, final meta-loss %.4f%n", NAME, label, r.get("final_lr").asDouble(),
          r.get("final_meta_loss").asDouble());
    }
    report(dir, dirs, labels);
  }

  /** The published figure's three panels, both trials per panel, and a short Markdown table. */
  static void report(Path dir, List<Path> runs, List<String> labels) {
    MetaCharts.Lines meta = new MetaCharts.Lines();
    MetaCharts.Lines inner = new MetaCharts.Lines();
    MetaCharts.Lines lr = new MetaCharts.Lines();
    StringBuilder md = new StringBuilder("# metalearn-lr\n\n| trial | final lr | final meta-loss |\n|---|---|---|\n");
    for (int i = 0; i < runs.size(); i++) {
      List<Map<String, String>> rows = OuterRunFiles.readCsv(runs.get(i).resolve("metrics.csv"));
      double[] step = MetaCharts.column(rows, "outer_step");
      meta.add(labels.get(i), step, MetaCharts.column(rows, "meta_loss"));
      inner.add(labels.get(i), step, MetaCharts.column(rows, "final_inner_loss"));
      lr.add(labels.get(i), step, MetaCharts.column(rows, "next_lr"));
      Map<String, String> last = rows.get(rows.size() - 1);
      md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f |%n", labels.get(i), Double.parseDouble(last.get("next_lr")),
          Double.parseDouble(last.get("meta_loss"))));
    }
    Path report = dir.resolve("report");
    MetaCharts.save(report.resolve("meta_loss.png"), "Meta-loss (mean inner loss)", "outer step", "meta-loss", meta);
    MetaCharts.save(report.resolve("final_inner_loss.png"), "Final inner loss", "outer step", "loss", inner);
    MetaCharts.save(report.resolve("learning_rate.png"), "Learned learning rate", "outer step", "lr", lr);
    md.append("\n![meta-loss](meta_loss.png) ![final inner loss](final_inner_loss.png) ![lr](learning_rate.png)\n");
    OuterRunFiles.writeAtomic(report.resolve("report.md"), md.toString());
  }
}
