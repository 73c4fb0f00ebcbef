package org.mnist1d.workbench.experiments.lottery;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mnist1d.Mnist1dData;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.nn.ParameterSpec;
import org.mnist1d.workbench.train.InOrderBatches;
import org.mnist1d.workbench.train.Split;

/**
 * {@code lottery}: one chain of the lottery-ticket search (one trial, one criterion). Round {@code
 * i} of {@code R} prunes each layer of the residual MLP to sparsity {@code i / (R - 1)}: by
 * magnitude of the weights the previous round reached at {@code training.magnitude_step}, or (the
 * baseline) at random, a fresh mask each round. It rewinds to the original initialisation (seed
 * {@code seed + trial}, so both criteria of a trial start from the same weights), and retrains with
 * the reference harness.
 *
 * <p>Writes {@code rounds.csv} (trial, criterion, round, sparsity, final_test_acc, max_test_acc,
 * final_test_loss, final_train_loss), {@code masks/round-NNN.npy} ({@link MaskFiles}) and
 * metrics.csv (every evaluation). A checkpoint after every round: {@code --resume} continues from
 * the last finished round to the same numbers.
 */
public final class LotteryExperiment implements Experiment {
  static final List<String> CRITERIA = List.of("magnitude", "random");
  static final List<String> ROUND_COLUMNS =
      List.of(
          "trial",
          "criterion",
          "round",
          "sparsity",
          "final_test_acc",
          "max_test_acc",
          "final_test_loss",
          "final_train_loss");
  static final List<String> METRIC_COLUMNS =
      List.of("round", "step", "sparsity", "train_loss", "test_loss", "test_acc");
  static final String ROUNDS = "rounds.csv";

  @Override
  public boolean timeInEngine() {
    return true;
  }

  @Override
  public String name() {
    return "lottery";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", 1501);
    training.put("batch", 100);
    training.put("lr", 0.02);
    training.put("eval_every", 100);
    training.put("magnitude_step", 1000);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("trial", 0);
    d.put("criterion", "magnitude");
    d.put("rounds", 100);
    d.put("model", new LinkedHashMap<>(Map.of("hidden", 500)));
    d.put("training", training);
    return d;
  }

  @Override
  public long defaultSeed() {
    return 42;
  }

  @Override
  public void check(Config c) {
    Checks.atLeast(c, "trial", 0);
    Checks.oneOf(c, "criterion", CRITERIA);
    Checks.atLeast(c, "rounds", 1);
    Checks.atLeast(c, "model.hidden", 1);
    Checks.atLeast(c, "training.steps", 0);
    Checks.atLeast(c, "training.batch", 1);
    Checks.positive(c, "training.lr");
    Checks.atLeast(c, "training.eval_every", 1);
    Checks.atLeast(c, "training.magnitude_step", 0);
    if (c.integer("training.magnitude_step") > c.integer("training.steps")) {
      throw c.error(
          "training.magnitude_step",
          "expected a step of the run, at most training.steps ("
              + c.integer("training.steps")
              + ")");
    }
  }

  /** The residual MLP of the search, 40-H-H-10. */
  static Model model(int length, int hidden) {
    return Models.mlp(length, hidden, 10);
  }

  /**
   * The generator of round {@code round}'s random mask: a function of the seed, trial and round
   * only, so a chain gives the same masks however it is scheduled or resumed.
   */
  static SplittableRandom maskRandom(long seed, int trial, int round) {
    long s = seed;
    s = s * 0x9E3779B97F4A7C15L + trial;
    s = s * 0x9E3779B97F4A7C15L + round;
    return new SplittableRandom(s);
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    Config c = ctx.config();
    int trial = c.integer("trial");
    String criterion = c.string("criterion");
    int rounds = c.integer("rounds");
    MaskedRun.Settings settings =
        new MaskedRun.Settings(
            c.integer("training.steps"),
            c.number("training.lr"),
            c.integer("training.eval_every"),
            c.integer("training.magnitude_step"));
    Mnist1dData data = ctx.data();
    Model model = model(data.seqLength(), c.integer("model.hidden"));
    List<double[]> init = Initialization.values(model, c.seed() + trial);
    List<Integer> sizes =
        model.parameters().stream().map(p -> Math.toIntExact(p.shape().size())).toList();

    Optional<Checkpoint> resume = ctx.resumeFrom();
    int start = resume.map(cp -> (int) cp.step()).orElse(0);
    List<double[]> previous =
        resume.isPresent() && criterion.equals("magnitude") && start > 0
            ? arrays(resume.get(), model)
            : init;
    CsvTable roundsCsv = CsvTable.open(ctx.dir().resolve(ROUNDS), ROUND_COLUMNS, start);
    MetricsLog log = ctx.metrics(METRIC_COLUMNS);
    List<Double> finalAcc = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(ctx.device());
        Progress progress = ctx.progress("lottery " + criterion + " trial " + trial, rounds)) {
      InOrderBatches batches =
          InOrderBatches.of(
              m, data.x(), data.y(), c.integer("training.batch"), 10, DataType.FLOAT32);
      Split test =
          Split.of(m, data.xTest(), data.yTest(), 0, data.yTest().length, 10, DataType.FLOAT32);
      for (int r = start; r < rounds; r++) {
        double sparsity = Sparsity.at(r, rounds);
        List<double[]> masks =
            criterion.equals("magnitude")
                ? Pruning.magnitude(previous, Pruning.MLP_LAYERS, sparsity)
                : Pruning.random(
                    sizes, Pruning.MLP_LAYERS, sparsity, maskRandom(c.seed(), trial, r));
        int round = r;
        MaskedRun.Result result =
            MaskedRun.train(
                model,
                m,
                batches,
                test,
                init,
                masks,
                settings,
                "round " + r,
                e -> log.log(round, e.step(), sparsity, e.trainLoss(), e.testLoss(), e.testAcc()));
        MaskFiles.write(ctx.dir(), r, masks, model.parameters());
        MaskedRun.Eval last = result.last();
        roundsCsv.append(
            trial,
            criterion,
            r,
            sparsity,
            last.testAcc(),
            result.maxTestAcc(),
            last.testLoss(),
            result.finalTrainLoss());
        if (criterion.equals("magnitude")) {
          previous = result.snapshot();
        }
        ctx.checkpoint(
            r + 1,
            criterion.equals("magnitude") ? named(previous, model) : Map.of(),
            Map.of("sparsity", sparsity, "final_test_acc", last.testAcc()));
        progress.at(
            r + 1,
            String.format(
                java.util.Locale.ROOT, "sparsity %.2f test acc %.1f%%", sparsity, last.testAcc()));
      }
    }
    summarize(ctx);
  }

  /** Results for summary.json, from the whole rounds.csv (a resumed run included). */
  private static void summarize(RunContext ctx) throws Exception {
    List<Map<String, String>> rows = CsvTable.read(ctx.dir().resolve(ROUNDS));
    ctx.result("rounds", rows.size());
    Map<String, String> first = rows.get(0);
    Map<String, String> last = rows.get(rows.size() - 1);
    Map<String, String> best = first;
    for (Map<String, String> r : rows) {
      if (Double.parseDouble(r.get("final_test_acc"))
          > Double.parseDouble(best.get("final_test_acc"))) {
        best = r;
      }
    }
    ctx.result("dense_test_acc", Double.parseDouble(first.get("final_test_acc")));
    ctx.result("best_test_acc", Double.parseDouble(best.get("final_test_acc")));
    ctx.result("best_sparsity", Double.parseDouble(best.get("sparsity")));
    ctx.result("last_sparsity", Double.parseDouble(last.get("sparsity")));
    ctx.result("last_test_acc", Double.parseDouble(last.get("final_test_acc")));
  }

  private static Map<String, double[]> named(List<double[]> values, Model model) {
    Map<String, double[]> out = new LinkedHashMap<>();
    List<ParameterSpec> specs = model.parameters();
    for (int i = 0; i < specs.size(); i++) {
      out.put("magnitudes." + specs.get(i).name(), values.get(i));
    }
    return out;
  }

  private static List<double[]> arrays(Checkpoint cp, Model model) {
    List<double[]> out = new ArrayList<>();
    model.parameters().forEach(p -> out.add(cp.array("magnitudes." + p.name())));
    return out;
  }

  /** The chain's numbers and its accuracy and loss against sparsity. */
  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(LotteryExperiment.class, "run-report.yaml"));
  }
}
