package org.mnist1d.workbench.experiments.metalearnlr;

import java.util.List;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;

/**
 * {@code metalearn-lr-outer-step}: 200 SGD steps of MLP 40-50-10 with the exact d(meta-loss)/d(lr).
 */
public final class OuterStepWorkload implements BenchWorkload, BenchSuite {
  @Override
  public List<BenchWorkload> workloads() {
    return List.of(this);
  }

  @Override
  public String name() {
    return "metalearn-lr-outer-step";
  }

  @Override
  public String description() {
    return "one outer step of metalearn-lr: 200 inner SGD steps (MLP 40-50-10, batch 50) and d(meta-loss)/d(lr)";
  }

  @Override
  public Trial prepare() {
    LearningRateProblem problem =
        new LearningRateProblem(
            Mnist1d.generate(Mnist1dArgs.defaults()), LearningRateProblem.Settings.published());
    return Trial.closing(() -> problem.outerStep(1.5), problem);
  }
}
