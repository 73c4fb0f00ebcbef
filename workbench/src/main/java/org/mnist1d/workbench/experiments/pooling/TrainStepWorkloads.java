package org.mnist1d.workbench.experiments.pooling;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.train.TrainingRun;

/**
 * {@code train-step-pooling-VARIANT}: one training step of the pooling benchmark's model (20
 * channels): forward, backward and Adam on the next in-order batch of 100 (default dataset).
 */
public final class TrainStepWorkloads implements BenchSuite {
  @Override
  public List<BenchWorkload> workloads() {
    return Arrays.stream(Downsampling.values()).<BenchWorkload>map(Step::new).toList();
  }

  private record Step(Downsampling variant) implements BenchWorkload {
    @Override
    public String name() {
      return "train-step-pooling-" + variant.configName();
    }

    @Override
    public String description() {
      return "one Adam training step of the pooling model ("
          + variant.configName()
          + ", 20 channels) on a batch of 100 (default dataset)";
    }

    @Override
    public int warmup() {
      return 50;
    }

    @Override
    public int iterations() {
      return 1000;
    }

    @Override
    public Trial prepare() {
      Mnist1dData d = DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());
      PoolingNet net = new PoolingNet(variant, 20, d.seqLength(), 10);
      NDManager manager = NDManager.newBaseManager();
      TrainingRun run =
          new TrainingRun(
              net,
              manager,
              d.x(),
              d.y(),
              d.xTest(),
              d.yTest(),
              TrainingRun.Settings.inOrder(100, "adam", 0.01, DataType.FLOAT32),
              Initialization.values(net, 0));
      return Trial.closing(run::update, run, manager);
    }
  }
}
