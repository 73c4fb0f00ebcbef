package org.mnist1d.workbench.experiments.doubledescent;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.train.TrainingRun;

/**
 * {@code double-descent}: one model of one width ({@code mlp}: hidden units, {@code cnn}: channels)
 * trained to the end by SGD with momentum on batches reshuffled each epoch (the deep-double-descent
 * notebook). Train error is against the labels it was trained on (noisy when the dataset has {@code
 * label_noise}); test labels are clean. The notebook left torch unseeded; here {@code seed} draws
 * the initial parameters and the epochs' orders.
 */
public final class DoubleDescent implements Experiment {
  static final List<String> COLUMNS =
      List.of("epoch", "step", "train_loss", "train_error", "test_loss", "test_error");

  @Override
  public boolean timeInEngine() {
    return true;
  }

  @Override
  public String name() {
    return "double-descent";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("epochs", 500);
    training.put("batch", 100);
    training.put("lr", 0.01);
    training.put("momentum", 0.9);
    training.put("eval_every", 50);
    training.put("checkpoint_every", 50);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", "mlp");
    d.put("width", 16);
    d.put("training", training);
    return d;
  }

  @Override
  public Map<String, Object> datasetDefaults() {
    return Map.of("num_samples", 16000, "train_split", 0.25);
  }

  @Override
  public void check(Config c) {
    Checks.oneOf(c, "model", WidthModels.NAMES);
    Checks.atLeast(c, "width", 1);
    Checks.atLeast(c, "training.epochs", 1);
    Checks.atLeast(c, "training.batch", 1);
    Checks.positive(c, "training.lr");
    double momentum = c.number("training.momentum");
    if (!(momentum >= 0 && momentum < 1)) {
      throw c.error("training.momentum", "expected a number in [0, 1), got " + momentum);
    }
    Checks.atLeast(c, "training.eval_every", 1);
    Checks.atLeast(c, "training.checkpoint_every", 1);
  }

  @Override
  public void run(RunContext ctx) {
    Config c = ctx.config();
    Mnist1dData data = ctx.data();
    int epochs = c.integer("training.epochs");
    int evalEvery = c.integer("training.eval_every");
    int checkpointEvery = c.integer("training.checkpoint_every");
    Model model = WidthModels.named(c.string("model"), c.integer("width"), data.seqLength(), 10);
    TrainingRun.Settings settings =
        new TrainingRun.Settings(
            c.integer("training.batch"),
            TrainingRun.BatchOrder.SHUFFLED,
            c.seed(),
            "sgd",
            c.number("training.lr"),
            c.number("training.momentum"),
            DataType.FLOAT32);
    try (NDManager m = NDManager.newBaseManager(ctx.device());
        TrainingRun run =
            new TrainingRun(
                model,
                m,
                data.x(),
                data.y(),
                data.xTest(),
                data.yTest(),
                settings,
                Initialization.values(model, c.seed()))) {
      int perEpoch = run.batchesPerEpoch();
      Optional<Checkpoint> from = ctx.resumeFrom();
      if (from.isPresent()) {
        run.restore(from.get().arrays(), (int) from.get().step());
      }
      MetricsLog log = ctx.metrics(COLUMNS);
      TrainingRun.Evaluation last = null;
      String label = "double-descent " + model.name() + " width " + c.integer("width");
      try (Progress progress = ctx.progress(label, epochs)) {
        for (int epoch = run.step() / perEpoch + 1; epoch <= epochs; epoch++) {
          for (int b = 0; b < perEpoch; b++) {
            run.update();
          }
          if (epoch % evalEvery == 0 || epoch == epochs) {
            last = run.evaluate();
            if (!Double.isFinite(last.trainLoss())) {
              throw new RunFailure(
                  "diverged at epoch " + epoch + ": train loss is " + last.trainLoss());
            }
            log.log(
                epoch,
                run.step(),
                last.trainLoss(),
                last.trainError(),
                last.testLoss(),
                last.testError());
            progress.at(epoch, String.format("test error %.1f%%", last.testError()));
          }
          if (epoch % checkpointEvery == 0 && epoch < epochs) {
            ctx.checkpoint(run.step(), run.snapshot(), Map.of());
          }
        }
      }
      ctx.result("train_error", last.trainError());
      ctx.result("test_error", last.testError());
      ctx.result("train_loss", last.trainLoss());
      ctx.result("test_loss", last.testLoss());
      ctx.result("parameters", model.parameterCount());
      ctx.result("steps", run.step());
      ctx.result("seed", c.seed());
    }
  }

  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(DoubleDescent.class, "run-report.yaml"));
  }
}
