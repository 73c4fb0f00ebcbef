package org.mnist1d.workbench.experiments.metalearnactivation;

import ai.djl.ndarray.types.DataType;
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
import java.util.Optional;
import java.util.stream.Collectors;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.figures.LineChart;
import org.mnist1d.workbench.metagrad.ActivationFunctions;
import org.mnist1d.workbench.metagrad.OuterCheckpoints;
import org.mnist1d.workbench.metagrad.OuterLoop;
import org.mnist1d.workbench.metagrad.OuterOptimizer;

/**
 * {@code metalearn-activation}: learn the inner MLP's activation {@code elu + 0.2 g} by exact
 * metagradients through the unrolled RMSProp loop (docs/metalearning.md), then run the six
 * baselines and a piecewise-linear fit of the learned curve.
 *
 * <p>Besides metrics.csv the run writes {@code activation.csv} (the learned function at 100 points
 * of [-5, 5] per outer step) and {@code report/activation_evolution.png}, {@code report/fit.png}.
 */
public final class MetalearnActivation implements Experiment {
  /** The hyperparameters' name in checkpoints: the learned activation's parameter vector. */
  private static final List<String> HYPER = List.of("activation");

  static final List<String> COLUMNS =
      List.of("outer_step", "meta_loss", "final_inner_loss", "test_acc", "metagradient_norm");
  static final double[] GRID = grid(100);

  static double[] grid(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -5 + 10.0 * i / (n - 1);
    }
    return x;
  }

  @Override
  public String name() {
    return "metalearn-activation";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("hidden", 128);
    inner.put("batch", 100);
    inner.put("steps", 301);
    inner.put("meta_loss_steps", 200);
    inner.put("lr", 0.01);
    inner.put("test_examples", 500);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("steps", 301);
    outer.put("lr", 0.3);
    outer.put("momentum", 0.0);
    outer.put("clamp", 0.1);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("activation_hidden", 100);
    d.put("segment", 1);
    d.put("inner", inner);
    d.put("outer", outer);
    d.put("baselines", new ArrayList<Object>(ActivationFunctions.BASELINES));
    d.put("fit_pieces", 6);
    return d;
  }

  @Override
  public Map<String, Object> datasetDefaults() {
    return Map.of("num_samples", 10000);
  }

  @Override
  public void check(Config c) {
    for (String k :
        List.of(
            "inner.hidden",
            "inner.batch",
            "inner.steps",
            "inner.meta_loss_steps",
            "inner.test_examples",
            "outer.steps",
            "activation_hidden",
            "segment")) {
      Checks.atLeast(c, k, 1);
    }
    if (c.integer("inner.meta_loss_steps") > c.integer("inner.steps")) {
      throw c.error(
          "inner.meta_loss_steps",
          "must be at most inner.steps (" + c.integer("inner.steps") + ")");
    }
    Checks.positive(c, "inner.lr");
    Checks.positive(c, "outer.lr");
    Checks.positive(c, "outer.clamp");
    Checks.nonNegative(c, "outer.momentum");
    Checks.atLeast(c, "fit_pieces", 2);
    for (Object b : c.list("baselines")) {
      if (!ActivationFunctions.BASELINES.contains(String.valueOf(b))) {
        throw c.error(
            "baselines",
            "unknown activation '"
                + b
                + "' (expected some of "
                + ActivationFunctions.BASELINES
                + ")");
      }
    }
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    Config c = ctx.config();
    ActivationProblem.Settings s =
        new ActivationProblem.Settings(
            c.integer("inner.hidden"),
            c.integer("inner.batch"),
            c.integer("inner.steps"),
            c.integer("inner.meta_loss_steps"),
            c.number("inner.lr"),
            c.integer("activation_hidden"),
            c.integer("inner.test_examples"),
            c.integer("segment"),
            c.seed(),
            DataType.FLOAT32);
    int outerSteps = c.integer("outer.steps");
    OuterOptimizer optimizer =
        OuterOptimizer.clamped(
            c.number("outer.clamp"),
            OuterOptimizer.sgd(c.number("outer.lr"), c.number("outer.momentum")));
    Path curves = ctx.dir().resolve("activation.csv");
    MetricsLog log = ctx.metrics(COLUMNS);
    Map<String, Double> last = new LinkedHashMap<>();
    ctx.resumeFrom()
        .ifPresent(cp -> cp.values().forEach((k, v) -> last.put(k, ((Number) v).doubleValue())));
    try (ActivationProblem problem = new ActivationProblem(ctx.data(), s, ctx.device());
        Progress progress = ctx.progress(name(), outerSteps)) {
      OuterLoop.State state =
          ctx.resumeFrom()
              .map(cp -> OuterCheckpoints.state((int) cp.step(), cp.arrays(), HYPER, optimizer))
              .orElse(
                  new OuterLoop.State(
                      0, new double[][] {problem.initialActivation()}, new double[0][]));
      keepRows(curves, state.step());
      OuterLoop.Problem evaluate =
          hyper -> {
            ActivationProblem.OuterStep o = problem.outerStep(hyper[0]);
            return new OuterLoop.Outcome(
                o.metaLoss(),
                new double[][] {o.gradient()},
                Map.of(
                    "final_inner_loss",
                    o.finalLoss(),
                    "test_acc",
                    o.testAccuracy(),
                    "norm",
                    norm(o.gradient())));
          };
      try {
        state =
            OuterLoop.run(
                evaluate,
                optimizer,
                state,
                outerSteps,
                (k, hyper, o, next) -> {
                  log.log(
                      k,
                      o.metaLoss(),
                      o.metrics().get("final_inner_loss"),
                      o.metrics().get("test_acc"),
                      o.metrics().get("norm"));
                  appendCurve(curves, k, problem.sampleActivation(hyper[0], GRID));
                  last.put("meta_loss", o.metaLoss());
                  last.put("test_acc", o.metrics().get("test_acc"));
                  ctx.checkpoint(
                      next.step(),
                      OuterCheckpoints.arrays(next, HYPER, optimizer),
                      new LinkedHashMap<>(last));
                  progress.at(
                      k + 1,
                      String.format(
                          "meta-loss %.4f test acc %.1f%%",
                          o.metaLoss(), o.metrics().get("test_acc")));
                });
      } catch (OuterLoop.Diverged d) {
        throw new RunFailure(d.getMessage());
      }
      ctx.result("final_meta_loss", last.get("meta_loss"));
      ctx.result("final_test_acc", last.get("test_acc"));
      ctx.result("outer_steps", outerSteps);
      Map<String, Double> baselineAcc = new LinkedHashMap<>();
      for (Object b : c.list("baselines")) {
        String name = String.valueOf(b);
        ActivationProblem.OuterStep r = problem.baseline(name);
        // the reference reports a baseline's mean over all inner losses
        ctx.result(
            "baselines." + name + ".mean_inner_loss",
            Arrays.stream(r.losses()).average().orElse(Double.NaN));
        ctx.result("baselines." + name + ".meta_loss", r.metaLoss());
        ctx.result("baselines." + name + ".test_acc", r.testAccuracy());
        baselineAcc.put(name, r.testAccuracy());
      }
      double[] fx = grid(201); // breakpoints on a 0.05 grid
      double[] fy = problem.sampleActivation(state.hyper()[0], fx);
      PiecewiseLinear fit = PiecewiseLinear.fit(fx, fy, c.integer("fit_pieces"));
      ActivationProblem.OuterStep f = problem.baseline(fit.asActivation());
      ctx.result("fit_test_acc", f.testAccuracy());
      ctx.result("fit_meta_loss", f.metaLoss());
      ctx.result("fit_rmse", fit.rmse(fx, fy));
      ctx.result("fit_breaks", Arrays.stream(fit.breaks()).boxed().toList());
      charts(ctx.dir(), fx, fy, fit, baselineAcc);
    }
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double x : g) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** On resume, drops curve rows written after the checkpoint (they are recomputed). */
  private static void keepRows(Path file, int rows) throws IOException {
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file);
      Files.writeString(
          file, String.join("\n", lines.subList(0, Math.min(lines.size(), rows + 1))) + "\n");
    }
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
      Files.writeString(
          file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The learned function's evolution, the fit, and test accuracy with the baselines as lines. */
  private static void charts(
      Path dir, double[] fx, double[] fy, PiecewiseLinear fit, Map<String, Double> baselines)
      throws IOException {
    Path report = dir.resolve("report");
    List<String> lines = Files.readAllLines(dir.resolve("activation.csv"));
    LineChart.Lines evolution = new LineChart.Lines();
    int n = lines.size() - 1;
    int every = Math.max(1, n / 10);
    for (int i = 0; i < n; i++) {
      if (i % every == 0 || i == n - 1) {
        String[] cells = lines.get(i + 1).split(",");
        double[] y =
            Arrays.stream(cells, 1, cells.length).mapToDouble(Double::parseDouble).toArray();
        evolution.add("step " + cells[0], GRID, y);
      }
    }
    LineChart.save(
        report.resolve("activation_evolution.png"), "Learned activation", "x", "act(x)", evolution);
    LineChart.save(
        report.resolve("fit.png"),
        fit.breaks().length + 1 + "-piece linear fit",
        "x",
        "act(x)",
        new LineChart.Lines()
            .add("learned (final)", fx, fy)
            .add("fit", fx, Arrays.stream(fx).map(fit::apply).toArray()));
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    String[] head = rows.get(0).split(",");
    int stepCol = Arrays.asList(head).indexOf("outer_step");
    int accCol = Arrays.asList(head).indexOf("test_acc");
    double[] step =
        rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[stepCol])).toArray();
    double[] acc =
        rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[accCol])).toArray();
    LineChart.Lines accuracy = new LineChart.Lines().add("learned", step, acc);
    baselines.forEach(
        (name, a) ->
            accuracy.add(name, new double[] {step[0], step[step.length - 1]}, new double[] {a, a}));
    LineChart.save(
        report.resolve("test_accuracy_baselines.png"),
        "Test accuracy with the baselines",
        "outer step",
        "test accuracy (%)",
        accuracy);
  }

  /** The run's numbers, with one pair of columns per baseline that ran, and its curves. */
  @Override
  public Optional<String> defaultReport(Config config) {
    String baselines =
        config.list("baselines").stream()
            .map(
                b ->
                    ", results.baselines."
                        + b
                        + ".mean_inner_loss, results.baselines."
                        + b
                        + ".test_acc")
            .collect(Collectors.joining());
    return Optional.of(
        Experiment.resourceText(MetalearnActivation.class, "run-report.yaml")
            .replace("${baseline_columns}", baselines));
  }
}
