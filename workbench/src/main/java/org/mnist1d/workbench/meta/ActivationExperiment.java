package org.mnist1d.workbench.meta;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnist1d.workbench.data.Mnist1dData;

/**
 * {@code metalearn-activation}: learn the inner MLP's activation {@code elu + 0.2 g} by exact
 * metagradients through 301 unrolled RMSProp steps (published setup, shared/spec/experiments.md
 * section 3), then evaluate the six baselines and a piecewise-linear fit of the learned curve.
 */
public final class ActivationExperiment {
  /** The experiment's registered name. */
  public static final String NAME = "metalearn-activation";

  static final List<String> COLUMNS = List.of("outer_step", "meta_loss", "final_inner_loss", "test_acc",
      "metagradient_norm", "seconds");
  /** Where the learned function is sampled at each outer step: 100 points on [-5, 5]. */
  static final double[] GRID = grid(100);

  private ActivationExperiment() {}

  private static double[] grid(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -5 + 10.0 * i / (n - 1);
    }
    return x;
  }

  /** The published parameters. */
  public static Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("hidden", 128);
    d.put("batch", 100);
    d.put("inner_steps", 301);
    d.put("meta_loss_steps", 200);
    d.put("inner_lr", 0.01);
    d.put("activation_hidden", 100);
    d.put("test_examples", 500);
    d.put("outer_steps", 301);
    d.put("outer_lr", 0.3);
    d.put("outer_momentum", 0.0);
    d.put("clamp", 0.1);
    d.put("segment", 1);
    d.put("baselines", List.copyOf(Activations.BASELINES));
    d.put("fit_pieces", 6);
    return d;
  }

  /** Runs (or resumes) the experiment in {@code dir}. */
  @SuppressWarnings("unchecked")
  public static void run(MetaConfig config, Mnist1dData data, Path dir, java.io.PrintStream log) throws Exception {
    Map<String, Object> p = config.points().get(0);
    OuterRunFiles files = new OuterRunFiles(dir, COLUMNS);
    if (files.state().equals("done")) {
      log.println(NAME + ": already done");
      return;
    }
    OuterRunFiles.writeAtomic(dir.resolve("config.yaml"), config.resolvedYaml(p));
    ActivationProblem.Settings s = new ActivationProblem.Settings(MetaConfig.integer(p, "hidden"),
        MetaConfig.integer(p, "batch"), MetaConfig.integer(p, "inner_steps"), MetaConfig.integer(p, "meta_loss_steps"),
        MetaConfig.number(p, "inner_lr"), MetaConfig.integer(p, "activation_hidden"),
        MetaConfig.integer(p, "test_examples"), MetaConfig.integer(p, "segment"), config.seed(), DataType.FLOAT32);
    int outerSteps = MetaConfig.integer(p, "outer_steps");
    OuterOptimizer optimizer = OuterOptimizer.clamped(MetaConfig.number(p, "clamp"),
        OuterOptimizer.sgd(MetaConfig.number(p, "outer_lr"), MetaConfig.number(p, "outer_momentum")));
    long start = System.nanoTime();
    try (ActivationProblem problem = new ActivationProblem(data, s)) {
      OuterLoop.State state = files.checkpoint(new OuterLoop.State(0, new double[][] {problem.initialActivation()},
          new double[0][]));
      files.truncate("metrics.csv", state.step());
      files.truncate("activation.csv", state.step());
      files.status("running", null);
      OuterLoop.Problem evaluate = hyper -> {
        ActivationProblem.OuterStep o = problem.outerStep(hyper[0]);
        return new OuterLoop.Outcome(o.metaLoss(), new double[][] {o.gradient()},
            Map.of("final_inner_loss", o.finalLoss(), "test_acc", o.testAccuracy(), "norm", norm(o.gradient())));
      };
      try {
        state = OuterLoop.run(evaluate, optimizer, state, outerSteps, (k, hyper, o, next) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("outer_step", k);
          row.put("meta_loss", o.metaLoss());
          row.put("final_inner_loss", o.metrics().get("final_inner_loss"));
          row.put("test_acc", o.metrics().get("test_acc"));
          row.put("metagradient_norm", o.metrics().get("norm"));
          row.put("seconds", (System.nanoTime() - start) / 1e9);
          files.append(row);
          appendCurve(dir.resolve("activation.csv"), k, problem.sampleActivation(hyper[0], GRID));
          files.saveCheckpoint(next);
          log.printf(Locale.ROOT, "%s: outer step %d meta-loss %.4f test acc %.1f%n", NAME, k, o.metaLoss(),
              o.metrics().get("test_acc"));
        });
      } catch (OuterLoop.Diverged d) {
        files.status("failed", d.getMessage());
        throw d;
      }

      List<Map<String, String>> rows = files.metrics();
      Map<String, String> last = rows.get(rows.size() - 1);
      ObjectNode results = OuterRunFiles.object();
      results.put("final_meta_loss", Double.parseDouble(last.get("meta_loss")));
      results.put("final_test_acc", Double.parseDouble(last.get("test_acc")));
      results.put("outer_steps", rows.size());
      ObjectNode baselines = results.putObject("baselines");
      for (String name : (List<String>) p.get("baselines")) {
        ActivationProblem.OuterStep b = problem.baseline(name);
        ObjectNode n = baselines.putObject(name);
        // the reference reports a baseline's mean over all inner losses
        n.put("mean_inner_loss", Arrays.stream(b.losses()).average().orElse(Double.NaN));
        n.put("meta_loss", b.metaLoss());
        n.put("test_acc", b.testAccuracy());
      }
      double[] fx = grid(201); // breakpoints on a 0.05 grid
      double[] fy = problem.sampleActivation(state.hyper()[0], fx);
      PiecewiseLinear fit = PiecewiseLinear.fit(fx, fy, MetaConfig.integer(p, "fit_pieces"));
      ActivationProblem.OuterStep f = problem.baseline(fit.asActivation());
      results.put("fit_test_acc", f.testAccuracy());
      results.put("fit_meta_loss", f.metaLoss());
      results.put("fit_rmse", fit.rmse(fx, fy));
      results.set("fit_breaks", OuterRunFiles.JSON.valueToTree(fit.breaks()));
      results.put("seconds", (System.nanoTime() - start) / 1e9);
      files.summary(p, results);
      report(dir, results, fx, fy, fit, p);
      files.status("done", null);
    }
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double x : g) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static void appendCurve(Path file, int step, double[] ys) {
    StringBuilder sb = new StringBuilder();
    if (!Files.exists(file)) {
      sb.append("outer_step");
      for (double x : GRID) {
        sb.append(String.format(Locale.ROOT, ",x=%.4f", x));
      }
      sb.append('\n');
    }
    sb.append(step);
    for (double y : ys) {
      sb.append(String.format(Locale.ROOT, ",%.6f", y));
    }
    sb.append('\n');
    try {
      Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Learned vs baselines table; test accuracy per outer step with baselines; the curve's evolution; the fit. */
  static void report(Path dir, ObjectNode results, double[] fx, double[] fy, PiecewiseLinear fit, Map<String, Object> p) {
    Path report = dir.resolve("report");
    List<Map<String, String>> rows = OuterRunFiles.readCsv(dir.resolve("metrics.csv"));
    double[] step = MetaCharts.column(rows, "outer_step");
    StringBuilder md = new StringBuilder("# metalearn-activation\n\n| activation | meta-loss (last " + p.get("meta_loss_steps")
        + " inner losses) | mean of all inner losses | test acc |\n|---|---|---|---|\n");
    md.append(String.format(Locale.ROOT, "| learned (outer step %d) | %.4f | | %.1f |%n", rows.size() - 1,
        results.get("final_meta_loss").asDouble(), results.get("final_test_acc").asDouble()));
    md.append(String.format(Locale.ROOT, "| piecewise-linear fit | %.4f | | %.1f |%n", results.get("fit_meta_loss").asDouble(),
        results.get("fit_test_acc").asDouble()));
    MetaCharts.Lines acc = new MetaCharts.Lines().add("learned", step, MetaCharts.column(rows, "test_acc"));
    results.get("baselines").fields().forEachRemaining(e -> {
      md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.1f |%n", e.getKey(), e.getValue().get("meta_loss").asDouble(),
          e.getValue().get("mean_inner_loss").asDouble(), e.getValue().get("test_acc").asDouble()));
      double a = e.getValue().get("test_acc").asDouble();
      acc.add(e.getKey(), new double[] {step[0], step[step.length - 1]}, new double[] {a, a});
    });
    MetaCharts.save(report.resolve("test_accuracy.png"), "Test accuracy (" + p.get("test_examples") + " examples)", "outer step", "%", acc);
    MetaCharts.save(report.resolve("meta_loss.png"), "Meta-loss (last " + p.get("meta_loss_steps") + " inner losses)", "outer step", "meta-loss",
        new MetaCharts.Lines().add("learned", step, MetaCharts.column(rows, "meta_loss")));
    List<Map<String, String>> curves = OuterRunFiles.readCsv(dir.resolve("activation.csv"));
    MetaCharts.Lines evolution = new MetaCharts.Lines();
    int every = Math.max(1, curves.size() / 10);
    for (int i = 0; i < curves.size(); i++) {
      if (i % every == 0 || i == curves.size() - 1) {
        List<String> values = new ArrayList<>(curves.get(i).values());
        double[] y = values.subList(1, values.size()).stream().mapToDouble(Double::parseDouble).toArray();
        evolution.add("step " + curves.get(i).get("outer_step"), GRID, y);
      }
    }
    MetaCharts.save(report.resolve("activation_evolution.png"), "Learned activation", "x", "act(x)", evolution);
    double[] fitY = Arrays.stream(fx).map(fit::apply).toArray();
    MetaCharts.save(report.resolve("fit.png"), p.get("fit_pieces") + "-piece linear fit", "x", "act(x)",
        new MetaCharts.Lines().add("learned (final)", fx, fy).add("fit", fx, fitY));
    md.append(String.format(Locale.ROOT, "%nFit breakpoints: %s (RMSE %.4f)%n%n", Arrays.toString(fit.breaks()),
        fit.rmse(fx, fy)));
    md.append("![test accuracy](test_accuracy.png) ![meta-loss](meta_loss.png)\n![activation](activation_evolution.png) "
        + "![fit](fit.png)\n");
    OuterRunFiles.writeAtomic(report.resolve("report.md"), md.toString());
  }
}
