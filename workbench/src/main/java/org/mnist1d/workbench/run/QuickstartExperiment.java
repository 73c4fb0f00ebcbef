package org.mnist1d.workbench.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mnist1d.workbench.config.Checks;
import org.mnist1d.workbench.config.Config;
import org.mnist1d.workbench.data.Mnist1dData;
import org.mnist1d.workbench.meta.Activations;
import org.mnist1d.workbench.meta.Adam;
import org.mnist1d.workbench.meta.Batch;
import org.mnist1d.workbench.meta.Batches;
import org.mnist1d.workbench.meta.Leaves;
import org.mnist1d.workbench.meta.MlpLearner;
import org.mnist1d.workbench.meta.Scalars;
import org.mnist1d.workbench.meta.StepNoise;
import org.mnist1d.workbench.meta.StepScope;

/**
 * The smallest whole experiment: a one-hidden-layer MLP trained with Adam on MNIST-1D for a few
 * hundred steps, logging train and test loss and accuracy. It exercises config, run directory,
 * metrics, checkpoints, resume and the default report.
 */
public final class QuickstartExperiment implements Experiment {
  static final List<String> COLUMNS = List.of("step", "train_loss", "train_acc", "test_loss", "test_acc");

  @Override
  public String name() {
    return "quickstart";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("hidden", 100);
    model.put("activation", "relu");
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", 300);
    training.put("batch", 100);
    training.put("lr", 0.01);
    training.put("eval_every", 25);
    training.put("checkpoint_every", 100);
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("model", model);
    sections.put("training", training);
    return sections;
  }

  @Override
  public long defaultSeed() {
    return 42;
  }

  @Override
  public void check(Config c) {
    Checks.atLeast(c, "model.hidden", 1);
    Checks.oneOf(c, "model.activation", Activations.BASELINES);
    Checks.atLeast(c, "training.steps", 1);
    Checks.atLeast(c, "training.batch", 1);
    Checks.positive(c, "training.lr");
    Checks.atLeast(c, "training.eval_every", 1);
    Checks.atLeast(c, "training.checkpoint_every", 1);
  }

  @Override
  public void run(RunContext ctx) {
    Config c = ctx.config();
    Mnist1dData data = ctx.data();
    int steps = c.integer("training.steps");
    int evalEvery = c.integer("training.eval_every");
    int checkpointEvery = c.integer("training.checkpoint_every");
    DataType type = DataType.FLOAT32;
    MlpLearner learner = new MlpLearner(data.x()[0].length, c.integer("model.hidden"), 10,
        Activations.named(c.string("model.activation")), 0);
    Adam adam = Adam.defaults();

    try (NDManager m = NDManager.newBaseManager(ctx.device())) {
      Scalars constants = new Scalars(m, type);
      NDArray lr = constants.of(c.number("training.lr"));
      Batches batches = new Batches(m, data.x(), data.y(), 10, c.integer("training.batch"), type);
      Evaluation train = Evaluation.of(m, data.x(), data.y(), type);
      Evaluation test = Evaluation.of(m, data.xTest(), data.yTest(), type);

      int start = 0;
      NDArray theta;
      NDList state;
      Optional<Checkpoint> from = ctx.resumeFrom();
      if (from.isPresent()) {
        start = (int) from.get().step();
        theta = Leaves.vector(m, from.get().array("theta"), type);
        state = new NDList(Leaves.vector(m, from.get().array("adam_m"), type), Leaves.vector(m, from.get().array("adam_v"), type));
      } else {
        theta = Leaves.vector(m, learner.initialize(new SplittableRandom(c.seed())), type);
        state = adam.initialState(theta, constants);
      }
      MetricsLog log = ctx.metrics(COLUMNS);
      double[] last = null;
      try (Progress progress = ctx.progress("quickstart", steps)) {
        for (int t = start; t <= steps; t++) {
          if (t % evalEvery == 0 || t == steps) {
            double[] tr = train.lossAndAccuracy(learner, theta, constants);
            double[] te = test.lossAndAccuracy(learner, theta, constants);
            last = new double[] {tr[0], tr[1], te[0], te[1]};
            log.log(t, tr[0], tr[1], te[0], te[1]);
            progress.at(t, String.format("test acc %.1f%%", te[1]));
          }
          if (t == steps) {
            break;
          }
          try (StepScope scope = new StepScope(m)) {
            Batch batch = batches.at(t);
            scope.use(theta);
            scope.use(state);
            scope.use(batch, StepNoise.NONE);
            NDArray grad = learner.lossAndGradient(theta, new NDList(), batch, StepNoise.NONE, constants).get(1);
            NDList next = adam.step(theta, grad, state, lr, t, constants);
            next.attach(m); // the new parameters and moments outlive the step
            theta.close();
            state.close();
            theta = next.get(0);
            state = new NDList(next.get(1), next.get(2));
          }
          if ((t + 1) % checkpointEvery == 0 && t + 1 < steps) {
            ctx.checkpoint(t + 1, Map.of("theta", Leaves.values(theta), "adam_m", Leaves.values(state.get(0)),
                "adam_v", Leaves.values(state.get(1))), Map.of());
          }
        }
      }
      ctx.result("train_loss", last[0]);
      ctx.result("train_acc", last[1]);
      ctx.result("test_loss", last[2]);
      ctx.result("test_acc", last[3]);
      ctx.result("steps", steps);
    }
  }

  @Override
  public Optional<String> defaultReport() {
    return Optional.of(String.join("\n",
        "title: Quickstart",
        "sources: [{name: runs, glob: '.'}]",
        "tables:",
        "  - {name: results, from: summary, select: [name, results.train_acc, results.test_acc, results.test_loss]}",
        "charts:",
        "  - {name: accuracy, type: line, from: metrics, x: step, y: [train_acc, test_acc], title: Accuracy (%)}",
        "  - {name: loss, type: line, from: metrics, x: step, y: [train_loss, test_loss], title: Cross-entropy}",
        ""));
  }

  /** A whole split as one batch, for loss and accuracy (in percent). */
  record Evaluation(NDArray x, NDArray labels, Batch batch) {
    static Evaluation of(NDManager m, double[][] x, int[] y, DataType type) {
      Batch b = new Batches(m, x, y, 10, x.length, type).at(0);
      double[] labels = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        labels[i] = y[i];
      }
      return new Evaluation(b.x(), Leaves.of(m, labels, new Shape(y.length), DataType.FLOAT32), b);
    }

    double[] lossAndAccuracy(MlpLearner learner, NDArray theta, Scalars c) {
      try (StepScope scope = new StepScope(theta.getManager())) {
        scope.use(theta);
        scope.use(batch, StepNoise.NONE);
        scope.use(labels);
        NDArray loss = learner.lossAndGradient(theta, new NDList(), batch, StepNoise.NONE, c).get(0);
        NDArray logits = learner.logits(theta, new NDList(), x, StepNoise.NONE, c);
        NDArray correct = logits.argMax(1).toType(DataType.FLOAT32, false).eq(labels);
        double acc = 100.0 * correct.sum().getLong() / labels.size();
        return new double[] {Leaves.value(loss), acc};
      }
    }
  }
}
