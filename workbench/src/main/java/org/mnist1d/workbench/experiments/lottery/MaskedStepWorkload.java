package org.mnist1d.workbench.experiments.lottery;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.train.InOrderBatches;
import org.mnist1d.workbench.train.ObjectiveTraining;

/**
 * {@code lottery-masked-step} (batch 100, the search) and {@code lottery-masked-step-b500} (batch
 * 500, the ablations): one Adam step of the 40-500-500-10 residual MLP with magnitude masks at
 * round 91's sparsity (0.92), on the default dataset.
 */
public record MaskedStepWorkload(int batch) implements BenchWorkload {

  /** The lottery experiments' workloads. */
  public static final class Suite implements BenchSuite {
    @Override
    public List<BenchWorkload> workloads() {
      return List.of(new MaskedStepWorkload(100), new MaskedStepWorkload(500));
    }
  }

  @Override
  public String name() {
    return batch == 100 ? "lottery-masked-step" : "lottery-masked-step-b" + batch;
  }

  @Override
  public String description() {
    return "one masked Adam step of the 40-500-500-10 residual MLP (92% sparse layers), batch "
        + batch;
  }

  /**
   * The JVM compiles the step's Java side during its first few hundred calls (the first 500 took
   * 1.5x the steady time here); the experiments run thousands of steps in one JVM.
   */
  @Override
  public int warmup() {
    return batch == 100 ? 300 : 100;
  }

  @Override
  public int iterations() {
    return batch == 100 ? 300 : 100;
  }

  @Override
  public Trial prepare() {
    Mnist1dData d = DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());
    Model model = LotteryExperiment.model(40, 500);
    List<double[]> init = Initialization.values(model, 42);
    List<double[]> masks = Pruning.magnitude(init, Pruning.MLP_LAYERS, Sparsity.at(91, 100));
    NDManager manager = NDManager.newBaseManager();
    InOrderBatches batches = InOrderBatches.of(manager, d.x(), d.y(), batch, 10, DataType.FLOAT32);
    ObjectiveTraining run = ObjectiveTraining.adam(model, manager, init, masks, 0.02);
    return Trial.closing(
        () -> run.step(ObjectiveTraining.classification(model, batches.at(run.steps()))),
        run,
        manager);
  }
}
