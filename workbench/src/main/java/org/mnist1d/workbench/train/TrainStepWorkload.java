package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;

/** {@code train-step-<model>}: one training step (forward, backward, Adam) on a batch of 100. */
public record TrainStepWorkload(String model) implements BenchWorkload {

  /** One workload per model of the benchmark, registered as a {@link BenchSuite}. */
  public static final class Suite implements BenchSuite {
    @Override
    public List<BenchWorkload> workloads() {
      return Models.NAMES.stream().<BenchWorkload>map(TrainStepWorkload::new).toList();
    }
  }

  @Override
  public String name() {
    return "train-step-" + model;
  }

  @Override
  public String description() {
    return "one FusedAdam training step of the " + model + " on a batch of 100 (default dataset)";
  }

  /**
   * About a second of steps: the JIT needs a few thousand of the small models' steps before their
   * time settles (50 warm-up steps left the logistic step 1.5x slower than its steady state).
   */
  @Override
  public int warmup() {
    return switch (model) {
      case "gru" -> 100;
      case "cnn" -> 1000;
      default -> 3000;
    };
  }

  @Override
  public int iterations() {
    return model.equals("gru") ? 200 : 1000;
  }

  @Override
  public Trial prepare() {
    Mnist1dData d = DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());
    Model net = Models.named(model, d.x()[0].length, 10);
    NDManager manager = NDManager.newBaseManager();
    TrainingRun run =
        new TrainingRun(
            net,
            manager,
            d.x(),
            d.y(),
            d.xTest(),
            d.yTest(),
            100,
            "adam",
            0.01,
            TrainingRun.initial(net, 42),
            DataType.FLOAT32);
    return Trial.closing(run::update, run, manager);
  }
}
