package org.mnist1d.workbench.experiments.metalearnactivation;

import java.util.List;
import java.util.Map;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;

/**
 * {@code metalearn-activation-outer-step}: 301 RMSProp steps of MLP 40-128-10 with the learned
 * activation, the metagradient and the test accuracy.
 */
public final class OuterStepWorkload implements BenchWorkload, BenchSuite {
  @Override
  public List<BenchWorkload> workloads() {
    return List.of(this);
  }

  @Override
  public String name() {
    return "metalearn-activation-outer-step";
  }

  @Override
  public String description() {
    return "one outer step of metalearn-activation: 301 inner steps (MLP 40-128-10, batch 100), the metagradient"
        + " w.r.t. the activation MLP by per-step recomputation, and test accuracy on 500 examples";
  }

  @Override
  public int warmup() {
    return 1;
  }

  @Override
  public int iterations() {
    return 3;
  }

  @Override
  public Trial prepare() {
    Mnist1dArgs args = Mnist1dArgs.defaults().with(Map.of("num_samples", 10000));
    ActivationProblem problem =
        new ActivationProblem(Mnist1d.generate(args), ActivationProblem.Settings.published());
    double[] params = problem.initialActivation();
    return Trial.closing(() -> problem.outerStep(params), problem);
  }
}
