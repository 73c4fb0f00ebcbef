package org.mnist1d.workbench.experiments.metalearnlr;

import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.metagrad.OuterCheckpoints;
import org.mnist1d.workbench.metagrad.OuterLoop;
import org.mnist1d.workbench.metagrad.OuterOptimizer;

/**
 * {@code metalearn-lr}: learn plain SGD's learning rate by exact metagradients through the unrolled
 * inner loop (docs/metalearning.md). One run per initial learning rate; configs/metalearn-lr.yaml
 * sweeps the two published trials.
 */
public final class MetalearnLr implements Experiment {
  /** The hyperparameter's name in checkpoints. */
  private static final List<String> HYPER = List.of("lr");

  static final List<String> COLUMNS =
      List.of("outer_step", "lr", "meta_loss", "final_inner_loss", "metagradient", "next_lr");

  @Override
  public String name() {
    return "metalearn-lr";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("hidden", 50);
    inner.put("batch", 50);
    inner.put("steps", 200);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("steps", 50);
    outer.put("lr", 0.3);
    outer.put("momentum", 0.0);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("initial_lr", 1.5);
    d.put("inner", inner);
    d.put("outer", outer);
    return d;
  }

  @Override
  public void check(Config c) {
    Checks.positive(c, "initial_lr");
    Checks.atLeast(c, "inner.hidden", 1);
    Checks.atLeast(c, "inner.batch", 1);
    Checks.atLeast(c, "inner.steps", 1);
    Checks.atLeast(c, "outer.steps", 1);
    Checks.positive(c, "outer.lr");
    Checks.nonNegative(c, "outer.momentum");
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    Config c = ctx.config();
    LearningRateProblem.Settings s =
        new LearningRateProblem.Settings(
            c.integer("inner.hidden"),
            c.integer("inner.batch"),
            c.integer("inner.steps"),
            c.seed(),
            DataType.FLOAT32);
    int outerSteps = c.integer("outer.steps");
    OuterOptimizer optimizer = OuterOptimizer.sgd(c.number("outer.lr"), c.number("outer.momentum"));
    OuterLoop.State state =
        ctx.resumeFrom()
            .map(cp -> OuterCheckpoints.state((int) cp.step(), cp.arrays(), HYPER, optimizer))
            .orElse(
                new OuterLoop.State(0, new double[][] {{c.number("initial_lr")}}, new double[0][]));
    MetricsLog log = ctx.metrics(COLUMNS);
    double[] lastMetaLoss = {Double.NaN};
    try (LearningRateProblem problem = new LearningRateProblem(ctx.data(), s, ctx.device());
        Progress progress = ctx.progress(name() + " lr " + c.number("initial_lr"), outerSteps)) {
      OuterLoop.Problem evaluate =
          hyper -> {
            LearningRateProblem.OuterStep o = problem.outerStep(hyper[0][0]);
            return new OuterLoop.Outcome(
                o.metaLoss(),
                new double[][] {{o.gradient()}},
                Map.of("final_inner_loss", o.finalLoss()));
          };
      state =
          OuterLoop.run(
              evaluate,
              optimizer,
              state,
              outerSteps,
              (k, hyper, o, next) -> {
                log.log(
                    k,
                    hyper[0][0],
                    o.metaLoss(),
                    o.metrics().get("final_inner_loss"),
                    o.gradient()[0][0],
                    next.hyper()[0][0]);
                ctx.checkpoint(
                    next.step(),
                    OuterCheckpoints.arrays(next, HYPER, optimizer),
                    Map.of("meta_loss", o.metaLoss()));
                lastMetaLoss[0] = o.metaLoss();
                progress.at(
                    k + 1,
                    String.format("lr %.4f meta-loss %.4f", next.hyper()[0][0], o.metaLoss()));
              });
    } catch (OuterLoop.Diverged d) {
      throw new RunFailure(d.getMessage());
    }
    if (Double.isNaN(lastMetaLoss[0])) {
      lastMetaLoss[0] =
          ((Number) ctx.resumeFrom().orElseThrow().values().get("meta_loss")).doubleValue();
    }
    ctx.result("final_lr", state.hyper()[0][0]);
    ctx.result("final_meta_loss", lastMetaLoss[0]);
    ctx.result("outer_steps", outerSteps);
  }

  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(MetalearnLr.class, "run-report.yaml"));
  }
}
