package org.mnist1d.workbench.experiments.lottery;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.Mnist1dData;
import org.mnist1d.PositionShuffle;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.train.InOrderBatches;
import org.mnist1d.workbench.train.Split;

/**
 * {@code lottery-ablations}: what the tickets of a finished {@code lottery} search carry. It reads
 * the chains' run directories ({@code lottery.runs}, or the latest finished chains named {@code
 * lottery.name} in the runs directory, which is the parent of this run's directory), then:
 *
 * <ol>
 *   <li>the search figure and table over the chains' {@code rounds.csv} (mean ± SEM over trials,
 *       beside the published means): {@code search.csv}, {@code report/search.png};
 *   <li>the mask analysis at round {@code lottery.round}: adjacency statistics of the first-layer
 *       masks ({@code adjacency.csv}, {@code report/adjacency.png}) and the mask images ({@code
 *       report/masks.png});
 *   <li>the ablations: for each variant and trial, a dense, a lottery-masked and a random-masked
 *       network trained on a new dataset (seed 43 by default) with the reference harness; curves in
 *       metrics.csv, final accuracies in {@code ablations.csv}, {@code report/ablations.png} and
 *       the summary figure {@code report/ablation-summary.png}.
 * </ol>
 *
 * <p>A checkpoint after every training: {@code --resume} redoes only the unfinished ones.
 */
public final class LotteryAblations implements Experiment {
  static final List<String> MASKS = List.of("dense", "lottery", "random");
  static final List<String> METRIC_COLUMNS =
      List.of("step", "variant", "trial", "mask", "train_loss", "test_loss", "test_acc");

  @Override
  public boolean timeInEngine() {
    return true;
  }

  @Override
  public String name() {
    return "lottery-ablations";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> lottery = new LinkedHashMap<>();
    lottery.put("name", "lottery");
    lottery.put("runs", new ArrayList<>());
    lottery.put("round", 91);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", 6000);
    training.put("batch", 500);
    training.put("lr", 0.02);
    training.put("eval_every", 100);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("lottery", lottery);
    d.put("trials", new ArrayList<>(List.of(0, 1)));
    d.put("variants", new ArrayList<>(InputVariant.NAMES));
    d.put("shuffle_seed", 0);
    d.put("model", new LinkedHashMap<>(Map.of("hidden", 500)));
    d.put("training", training);
    return d;
  }

  /** A new dataset from the same distribution: the generator's defaults with seed 43. */
  @Override
  public Map<String, Object> datasetDefaults() {
    return Map.of("seed", 43);
  }

  @Override
  public long defaultSeed() {
    return 42;
  }

  @Override
  public void check(Config c) {
    Checks.atLeast(c, "lottery.round", 0);
    Checks.atLeast(c, "shuffle_seed", 0);
    Checks.atLeast(c, "model.hidden", 1);
    Checks.atLeast(c, "training.steps", 0);
    Checks.atLeast(c, "training.batch", 1);
    Checks.positive(c, "training.lr");
    Checks.atLeast(c, "training.eval_every", 1);
    if (c.list("trials").isEmpty()) {
      throw c.error("trials", "expected at least one trial, e.g. [0, 1]");
    }
    for (Object t : c.list("trials")) {
      if (((Number) t).intValue() < 0) {
        throw c.error("trials", "expected trials >= 0, got " + t);
      }
    }
    for (Object v : c.list("variants")) {
      if (!InputVariant.NAMES.contains(String.valueOf(v))) {
        throw c.error(
            "variants",
            "unknown variant '" + v + "' (expected some of " + InputVariant.NAMES + ")");
      }
    }
  }

  /** One training: which ablation, trial and mask. */
  record Job(InputVariant variant, int trial, String mask) {}

  @Override
  public void run(RunContext ctx) throws Exception {
    Config c = ctx.config();
    List<Integer> trials = c.list("trials").stream().map(t -> ((Number) t).intValue()).toList();
    List<InputVariant> variants =
        c.list("variants").stream().map(v -> InputVariant.named(String.valueOf(v))).toList();
    int round = c.integer("lottery.round");
    Path runsDir = ctx.dir().toAbsolutePath().getParent();
    Map<String, LotteryChains.Chain> chains =
        LotteryChains.locate(
            runsDir,
            c.string("lottery.name"),
            c.list("lottery.runs").stream().map(String::valueOf).toList(),
            trials);
    Mnist1dData data = ctx.data();
    int inputs = data.seqLength();
    int hidden = c.integer("model.hidden");
    Model model = LotteryExperiment.model(inputs, hidden);
    Map<String, List<double[]>> masks = new LinkedHashMap<>();
    for (int t : trials) {
      for (String criterion : LotteryExperiment.CRITERIA) {
        LotteryChains.Chain chain = chains.get(LotteryChains.key(t, criterion));
        masks.put(
            LotteryChains.key(t, criterion),
            MaskFiles.read(chain.dir(), round, model.parameters()));
      }
    }
    double sparsity =
        Double.parseDouble(
            chains.get(LotteryChains.key(trials.get(0), "magnitude")).rounds().stream()
                .filter(r -> Integer.parseInt(r.get("round")) == round)
                .findFirst()
                .map(r -> r.get("sparsity"))
                .orElse("NaN"));
    int pct = (int) Math.round(100 * sparsity);

    SearchAnalysis.write(ctx, chains, trials, round);
    MaskAnalysis.write(ctx, masks, trials, hidden, inputs, round, pct);

    List<Job> jobs = new ArrayList<>();
    for (InputVariant v : variants) {
      for (int t : trials) {
        for (String mask : MASKS) {
          jobs.add(new Job(v, t, mask));
        }
      }
    }
    int start = ctx.resumeFrom().map(cp -> (int) cp.step()).orElse(0);
    MetricsLog log = ctx.metrics(METRIC_COLUMNS);
    MaskedRun.Settings settings =
        new MaskedRun.Settings(
            c.integer("training.steps"),
            c.number("training.lr"),
            c.integer("training.eval_every"),
            -1);
    try (NDManager m = NDManager.newBaseManager(ctx.device());
        Progress progress = ctx.progress("lottery ablations", jobs.size())) {
      for (int j = start; j < jobs.size(); j++) {
        Job job = jobs.get(j);
        int[] perm = job.variant().permutation(inputs, c.longValue("shuffle_seed"));
        List<double[]> init =
            Initialization.values(model, c.seed() + job.trial() + job.variant().initOffset());
        List<double[]> jobMasks =
            switch (job.mask()) {
              case "lottery" -> masks.get(LotteryChains.key(job.trial(), "magnitude"));
              case "random" -> masks.get(LotteryChains.key(job.trial(), "random"));
              default -> null;
            };
        MaskedRun.Result r;
        try (NDManager jm = m.newSubManager()) {
          InOrderBatches batches =
              InOrderBatches.of(
                  jm,
                  PositionShuffle.apply(data.x(), perm),
                  data.y(),
                  c.integer("training.batch"),
                  10,
                  DataType.FLOAT32);
          double[][] xTest = PositionShuffle.apply(data.xTest(), perm);
          Split test = Split.of(jm, xTest, data.yTest(), 0, xTest.length, 10, DataType.FLOAT32);
          r =
              MaskedRun.train(
                  model,
                  jm,
                  batches,
                  test,
                  init,
                  jobMasks,
                  settings,
                  job.variant().configName() + " trial " + job.trial() + " " + job.mask(),
                  e ->
                      log.log(
                          e.step(),
                          job.variant().configName(),
                          job.trial(),
                          job.mask(),
                          e.trainLoss(),
                          e.testLoss(),
                          e.testAcc()));
        }
        ctx.checkpoint(j + 1, Map.of(), Map.of());
        progress.at(
            j + 1,
            String.format(
                Locale.ROOT,
                "%s trial %d %s: test acc %.1f%%",
                job.variant().configName(),
                job.trial(),
                job.mask(),
                r.last().testAcc()));
      }
    }
    AblationSummary.write(ctx, variants, trials, pct);
  }

  /** The tables beside the published numbers, and the figures the run drew. */
  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(LotteryAblations.class, "ablations-report.yaml"));
  }
}
