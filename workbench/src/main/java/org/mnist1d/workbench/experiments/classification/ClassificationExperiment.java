package org.mnist1d.workbench.experiments.classification;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.Mnist1dData;
import org.mnist1d.PositionShuffle;
import org.mnist1d.io.Npy;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.nn.WeightsFile;
import org.mnist1d.workbench.train.TrainingRun;

/**
 * Trains one of the paper's classifiers on MNIST-1D (README, "The classification benchmark"),
 * optionally on shuffled positions, logging train/test loss and accuracy every few steps. {@code
 * classification} has the benchmark's defaults (6000 Adam steps); {@code quickstart} is the same
 * experiment, shortened to a few hundred steps.
 */
public class ClassificationExperiment implements Experiment {
  /**
   * The final parameters in a finished run's directory ({@link WeightsFile}: one float64 array per
   * parameter, and {@code input.positions} (int64) when the run trained on shuffled positions:
   * column j of its input was column positions[j] of the dataset).
   */
  public static final String WEIGHTS = "weights.npz";

  static final List<String> COLUMNS =
      List.of("step", "train_loss", "train_acc", "test_loss", "test_acc");

  private final String name;
  private final int steps;
  private final int evalEvery;
  private final int checkpointEvery;
  private final String reportTitle;

  /** The benchmark: 6000 steps, evaluated every 100. */
  public ClassificationExperiment() {
    this("classification", 6000, 100, 1000, "Classification run");
  }

  /** The same experiment under another name and defaults ({@link Quickstart}). */
  protected ClassificationExperiment(
      String name, int steps, int evalEvery, int checkpointEvery, String reportTitle) {
    this.name = name;
    this.steps = steps;
    this.evalEvery = evalEvery;
    this.checkpointEvery = checkpointEvery;
    this.reportTitle = reportTitle;
  }

  @Override
  public boolean timeInEngine() {
    return true;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", steps);
    training.put("batch", 100);
    training.put("optimizer", "adam");
    training.put("lr", 0.01);
    training.put("eval_every", evalEvery);
    training.put("checkpoint_every", checkpointEvery);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", "mlp");
    d.put("shuffle", false);
    d.put("training", training);
    return d;
  }

  @Override
  public long defaultSeed() {
    return 42;
  }

  @Override
  public void check(Config c) {
    Checks.oneOf(c, "model", Models.NAMES);
    Checks.atLeast(c, "training.steps", 1);
    Checks.atLeast(c, "training.batch", 1);
    Checks.oneOf(c, "training.optimizer", List.of("adam", "sgd"));
    Checks.positive(c, "training.lr");
    Checks.atLeast(c, "training.eval_every", 1);
    Checks.atLeast(c, "training.checkpoint_every", 1);
  }

  @Override
  public void run(RunContext ctx) {
    Config c = ctx.config();
    Mnist1dData data = ctx.data();
    double[][] x = data.x();
    double[][] xTest = data.xTest();
    int[] perm = null;
    if (c.bool("shuffle")) {
      // the published "shuffled" benchmark: one fixed permutation, NumPy seed(42), permutation(L)
      perm = PositionShuffle.permutation(x[0].length, 42);
      x = PositionShuffle.apply(x, perm);
      xTest = PositionShuffle.apply(xTest, perm);
    }
    int total = c.integer("training.steps");
    int every = c.integer("training.eval_every");
    int checkpointEvery = c.integer("training.checkpoint_every");
    Model model = Models.named(c.string("model"), x[0].length, 10);
    try (NDManager m = NDManager.newBaseManager(ctx.device());
        TrainingRun run =
            new TrainingRun(
                model,
                m,
                x,
                data.y(),
                xTest,
                data.yTest(),
                c.integer("training.batch"),
                c.string("training.optimizer"),
                c.number("training.lr"),
                TrainingRun.initial(model, c.seed()),
                DataType.FLOAT32)) {
      Optional<Checkpoint> from = ctx.resumeFrom();
      if (from.isPresent()) {
        run.restore(from.get().arrays(), (int) from.get().step());
      }
      MetricsLog log = ctx.metrics(COLUMNS);
      TrainingRun.Evaluation last = null;
      try (Progress progress = ctx.progress(name + " " + model.name(), total)) {
        while (true) {
          int t = run.step();
          if (t % every == 0 || t == total) {
            last = run.evaluate();
            if (!Double.isFinite(last.trainLoss())) {
              throw new RunFailure("diverged at step " + t + ": train loss is " + last.trainLoss());
            }
            log.log(t, last.trainLoss(), last.trainAcc(), last.testLoss(), last.testAcc());
            progress.at(t, String.format("test acc %.1f%%", last.testAcc()));
          }
          if (t == total) {
            break;
          }
          run.update();
          if (run.step() % checkpointEvery == 0 && run.step() < total) {
            ctx.checkpoint(run.step(), run.snapshot(), Map.of());
          }
        }
      }
      // The trained parameters, for what reads a finished run (the t-SNE of its penultimate
      // layer, notebooks): weights.npz, plus the input permutation the model was trained under.
      Map<String, byte[]> extra = new LinkedHashMap<>();
      if (perm != null) {
        extra.put("input.positions", Npy.int64(perm));
      }
      try {
        WeightsFile.write(ctx.dir().resolve(WEIGHTS), model, run.parameters(), extra);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ctx.result("test_acc", last.testAcc());
      ctx.result("train_acc", last.trainAcc());
      ctx.result("test_loss", last.testLoss());
      ctx.result("train_loss", last.trainLoss());
      ctx.result("steps", total);
      ctx.result("parameters", model.parameterCount());
    }
  }

  /**
   * One run: its final numbers and its curves (the sweep's table is
   * configs/reports/classification.yaml).
   */
  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(
        Experiment.resourceText(ClassificationExperiment.class, "run-report.yaml")
            .replace("${title}", reportTitle));
  }
}
