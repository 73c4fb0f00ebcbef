package org.mnist1d.workbench.experiments.pooling;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.train.TrainingRun;

/**
 * {@code pooling}: the two-convolution model with one of five downsampling variants, trained on
 * {@code train_size} examples and tested on {@code test_size} others (the benchmark-pooling
 * notebook). The dataset is made with {@code num_samples = train_size + test_size} and {@code
 * train_split = 1 - test_size / num_samples}, as there; the model starts from the parameters of
 * {@code seed}, whatever the size, as the notebook's constructor seeds every model alike.
 *
 * <p>Training is the reference harness ({@code train_model}): Adam, in-order batches, {@code steps
 * + 1} updates; the evaluation logged as step {@code s} follows update {@code s} (so step 0 is
 * after one update), every {@code eval_every} steps.
 */
public final class PoolingExperiment implements Experiment {
  static final List<String> COLUMNS =
      List.of("step", "train_loss", "train_acc", "test_loss", "test_acc");

  @Override
  public boolean timeInEngine() {
    return true;
  }

  @Override
  public String name() {
    return "pooling";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", 6000);
    training.put("batch", 100);
    training.put("lr", 0.01);
    training.put("eval_every", 100);
    training.put("checkpoint_every", 1000);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("pool", "max_pool");
    d.put("train_size", 1000);
    d.put("test_size", 1000);
    d.put("channels", 20);
    d.put("training", training);
    return d;
  }

  @Override
  public long defaultSeed() {
    return 0; // the notebook's torch.manual_seed(0) in every model's constructor
  }

  @Override
  public void check(Config c) {
    Checks.oneOf(c, "pool", Downsampling.NAMES);
    Checks.atLeast(c, "train_size", 1);
    Checks.atLeast(c, "test_size", 1);
    Checks.atLeast(c, "channels", 1);
    Checks.atLeast(c, "training.steps", 0);
    Checks.atLeast(c, "training.batch", 1);
    Checks.positive(c, "training.lr");
    Checks.atLeast(c, "training.eval_every", 1);
    Checks.atLeast(c, "training.checkpoint_every", 1);
    long total = c.longValue("train_size") + c.longValue("test_size");
    if (total % 10 != 0 || total > Integer.MAX_VALUE) {
      throw c.error(
          "train_size",
          "train_size + test_size must be a multiple of 10 (the generator makes num_samples // 10"
              + " examples per class), got "
              + total);
    }
    int made = split(c.integer("train_size"), c.integer("test_size")).trainCount();
    if (made != c.integer("train_size")) {
      throw c.error(
          "train_size",
          "the split gives " + made + " training examples, not " + c.integer("train_size"));
    }
  }

  /** The split the notebook computes: {@code train_split = 1 - test / (train + test)}. */
  private static Mnist1dArgs split(int train, int test) {
    int n = train + test;
    return Mnist1dArgs.defaults()
        .with(Map.of("num_samples", n, "train_split", 1 - ((double) test / n)));
  }

  @Override
  public Map<String, Object> derivedDataset(Config c) {
    Mnist1dArgs a = split(c.integer("train_size"), c.integer("test_size"));
    return Map.of("num_samples", a.numSamples(), "train_split", a.trainSplit());
  }

  @Override
  public void run(RunContext ctx) {
    Config c = ctx.config();
    Mnist1dData data = ctx.data();
    int total = c.integer("training.steps");
    int every = c.integer("training.eval_every");
    int checkpointEvery = c.integer("training.checkpoint_every");
    Downsampling variant = Downsampling.named(c.string("pool")).orElseThrow();
    PoolingNet model = new PoolingNet(variant, c.integer("channels"), data.seqLength(), 10);
    try (NDManager m = NDManager.newBaseManager(ctx.device());
        TrainingRun run =
            new TrainingRun(
                model,
                m,
                data.x(),
                data.y(),
                data.xTest(),
                data.yTest(),
                TrainingRun.Settings.inOrder(
                    c.integer("training.batch"), "adam", c.number("training.lr"), DataType.FLOAT32),
                Initialization.values(model, c.seed()))) {
      Optional<Checkpoint> from = ctx.resumeFrom();
      if (from.isPresent()) {
        run.restore(from.get().arrays(), (int) from.get().step());
      }
      MetricsLog log = ctx.metrics(COLUMNS);
      TrainingRun.Evaluation last = null;
      try (Progress progress =
          ctx.progress("pooling " + variant.configName() + " n=" + data.x().length, total + 1)) {
        // the reference's loop: for s in 0..steps: update on batch s, then evaluate when due
        for (int s = run.step(); s <= total; s++) {
          run.update();
          if (s % every == 0 || s == total) {
            last = run.evaluate();
            if (!Double.isFinite(last.trainLoss())) {
              throw new RunFailure("diverged at step " + s + ": train loss is " + last.trainLoss());
            }
            log.log(s, last.trainLoss(), last.trainAcc(), last.testLoss(), last.testAcc());
            progress.at(s + 1, String.format("test acc %.1f%%", last.testAcc()));
          }
          if (s % checkpointEvery == 0 && s < total) {
            ctx.checkpoint(run.step(), run.snapshot(), Map.of());
          }
        }
      }
      ctx.result("test_acc", last.testAcc());
      ctx.result("train_acc", last.trainAcc());
      ctx.result("test_loss", last.testLoss());
      ctx.result("train_loss", last.trainLoss());
      ctx.result("parameters", model.parameterCount());
      ctx.result("updates", total + 1);
      ctx.result("init_seed", c.seed());
      ctx.result("train_examples", data.x().length);
      ctx.result("test_examples", data.xTest().length);
    }
  }

  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(PoolingExperiment.class, "run-report.yaml"));
  }
}
