package org.mnist1d.workbench.experiments.doubledescent;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.train.TrainingRun;

/**
 * {@code train-step-dd-MODEL-WIDTH}: one double-descent training step: forward, backward and SGD
 * with momentum on the next batch of 100 of an epoch's shuffled order (the double-descent data,
 * 4000 train examples with 15% label noise; epoch reshuffles included as they come). Widths: the
 * MLP at the published interpolation peak (47) and at its widest (300), the CNN at its peak (18
 * channels) and at its widest (100).
 */
public final class TrainStepWorkloads implements BenchSuite {
  /** The timed (model, width) pairs. */
  static final List<Map.Entry<String, Integer>> SIZES =
      List.of(
          Map.entry("mlp", 47), Map.entry("mlp", 300), Map.entry("cnn", 18), Map.entry("cnn", 100));

  @Override
  public List<BenchWorkload> workloads() {
    return SIZES.stream().<BenchWorkload>map(e -> new Step(e.getKey(), e.getValue())).toList();
  }

  private record Step(String model, int width) implements BenchWorkload {
    @Override
    public String name() {
      return "train-step-dd-" + model + "-" + width;
    }

    @Override
    public String description() {
      return "one SGD-momentum training step of the double-descent "
          + model
          + " (width "
          + width
          + ") on a shuffled batch of 100 (16000 examples, 4000 train, 15% label noise)";
    }

    @Override
    public int warmup() {
      return 50;
    }

    @Override
    public int iterations() {
      return model.equals("cnn") && width > 50 ? 400 : 1000;
    }

    @Override
    public Trial prepare() {
      Mnist1dData d =
          DatasetCache.atDefaultLocation()
              .get(
                  Mnist1dArgs.defaults()
                      .with(
                          Map.of("num_samples", 16000, "train_split", 0.25, "label_noise", 0.15)));
      Model net = WidthModels.named(model, width, d.seqLength(), 10);
      NDManager manager = NDManager.newBaseManager();
      TrainingRun run =
          new TrainingRun(
              net,
              manager,
              d.x(),
              d.y(),
              d.xTest(),
              d.yTest(),
              new TrainingRun.Settings(
                  100, TrainingRun.BatchOrder.SHUFFLED, 0, "sgd", 0.01, 0.9, DataType.FLOAT32),
              Initialization.values(net, 0));
      return Trial.closing(run::update, run, manager);
    }
  }
}
