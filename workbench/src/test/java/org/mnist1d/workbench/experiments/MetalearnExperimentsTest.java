package org.mnist1d.workbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.cli.ChildRun;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.metagrad.ActivationFunctions;
import org.mnist1d.workbench.metagrad.LearnedActivation;
import org.mnist1d.workbench.metagrad.MlpLearner;
import org.mnist1d.workbench.metagrad.PlainInnerLoop;
import org.mnist1d.workbench.metagrad.StepNoise;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.reference.TorchReference;
import org.mnist1d.workbench.run.RunDirectory;

/**
 * Tiny metalearning runs through {@code workbench run}: outputs and summary keys, a run stopped
 * mid-outer-loop and resumed ending with the same numbers, divergence naming the steps.
 */
class MetalearnExperimentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static final String LR =
      String.join(
          "\n",
          "experiment: metalearn-lr",
          "seed: 3",
          "dataset: {num_samples: 300}",
          "inner: {hidden: 6, batch: 20, steps: 8}",
          "outer: {steps: 25}",
          "sweep:",
          "  grid:",
          "    initial_lr: [0.5, 0.05]",
          "");
  static final String ACT =
      String.join(
          "\n",
          "experiment: metalearn-activation",
          "seed: 1",
          "dataset: {num_samples: 300}",
          "activation_hidden: 5",
          "inner: {hidden: 8, batch: 20, steps: 6, meta_loss_steps: 4, test_examples: 40}",
          "outer: {steps: 20}",
          "baselines: [relu, tanh]",
          "fit_pieces: 3",
          "");

  private static JsonNode summary(Path dir) throws Exception {
    return JSON.readTree(dir.resolve("summary.json").toFile());
  }

  /** The run directories under {@code root}, in creation (name) order. */
  /** The run directories under {@code root} (not reports/, where a sweep's report goes). */
  private static List<Path> dirs(Path root) throws Exception {
    try (var s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("reports"))
          .sorted()
          .toList();
    }
  }

  /**
   * Outer step 0 of the 0.5 trial against {@link PlainInnerLoop}, the inner loop written again in
   * plain Java doubles (the dataset of the config, the learner's initialisation from seed 3,
   * batches of 20 in order, 8 SGD steps): the meta-loss to 1e-5, the metagradient to central finite
   * differences within 1e-4, and the outer update {@code lr - 0.3 g}.
   */
  private static void assertFirstOuterStepIsIndependentTruth(String row) {
    String[] f = row.split(",");
    assertEquals("0", f[0]);
    double lr = Double.parseDouble(f[1]);
    assertEquals(0.5, lr, 0.0);
    Mnist1dData data =
        DatasetCache.atDefaultLocation()
            .get(Mnist1dArgs.defaults().with(Map.of("num_samples", 300)));
    MlpLearner learner = new MlpLearner(40, 6, 10, ActivationFunctions.named("tanh"), 0.0);
    double[] theta0 = TorchReference.asFloat32(learner.initialize(new SplittableRandom(3)));
    double[][] x = new double[data.x().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = TorchReference.asFloat32(data.x()[i]);
    }
    PlainInnerLoop plain =
        new PlainInnerLoop(x, data.y(), 6, 20, 8, 8, PlainInnerLoop.Rule.SGD, null, null);
    double h = 1e-6;
    double up = plain.metaLoss(theta0, lr + h, null);
    double down = plain.metaLoss(theta0, lr - h, null);
    double metaLoss = (up + down) / 2;
    double fd = (up - down) / (2 * h);
    assertEquals(metaLoss, Double.parseDouble(f[2]), 1e-5 * metaLoss, "meta-loss");
    double g = Double.parseDouble(f[4]);
    assertEquals(fd, g, 1e-4 * Math.abs(fd), "metagradient");
    assertEquals(lr - 0.3 * g, Double.parseDouble(f[5]), 1e-15, "next lr");
  }

  /**
   * The activation run against {@link PlainInnerLoop} (plain Java doubles; the config's dataset,
   * the experiment's seeds: initialisation from seed 1, noise rows from seed 2, the activation from
   * seed 3; 6 RMSProp-like steps of batch 20, last 4 counted): the learned activation's meta-loss
   * at outer step 0, and the tanh baseline's mean inner loss and meta-loss, each to 1e-5.
   */
  private static void assertActivationRunIsIndependentTruth(
      double learnedMetaLoss, double tanhMeanLoss, double tanhMetaLoss) {
    Mnist1dData data =
        DatasetCache.atDefaultLocation()
            .get(Mnist1dArgs.defaults().with(Map.of("num_samples", 300)));
    double[][] x = new double[data.x().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = TorchReference.asFloat32(data.x()[i]);
    }
    LearnedActivation act = new LearnedActivation(0, 5, 0.2);
    MlpLearner learner = new MlpLearner(40, 8, 10, act, 0.1);
    double[] theta0 = TorchReference.asFloat32(learner.initialize(new SplittableRandom(1)));
    double[] hyper = TorchReference.asFloat32(act.initialize(new SplittableRandom(3)));
    double[][] u = new double[6][];
    double[][] v = new double[6][];
    try (NDManager m = NDManager.newBaseManager()) {
      SplittableRandom draws = new SplittableRandom(2);
      for (int t = 0; t < 6; t++) {
        StepNoise n = learner.sampleNoise(m, draws, DataType.FLOAT32);
        u[t] = ArrayValues.values(n.hidden());
        v[t] = ArrayValues.values(n.activation());
      }
    }
    PlainInnerLoop.Rule rms = PlainInnerLoop.Rule.RMSPROP;
    double learned =
        new PlainInnerLoop(x, data.y(), 8, 20, 6, 4, rms, u, v).metaLoss(theta0, 0.01, hyper);
    assertEquals(learned, learnedMetaLoss, 1e-5 * learned, "learned activation, outer step 0");
    double[] tanh0 =
        TorchReference.asFloat32(
            new MlpLearner(40, 8, 10, ActivationFunctions.named("tanh"), 0.1)
                .initialize(new SplittableRandom(1)));
    double mean =
        new PlainInnerLoop(x, data.y(), 8, 20, 6, 6, rms, u, null).metaLoss(tanh0, 0.01, null);
    double meta =
        new PlainInnerLoop(x, data.y(), 8, 20, 6, 4, rms, u, null).metaLoss(tanh0, 0.01, null);
    assertEquals(mean, tanhMeanLoss, 1e-5 * mean, "tanh baseline, mean inner loss");
    assertEquals(meta, tanhMetaLoss, 1e-5 * meta, "tanh baseline, meta-loss");
  }

  /**
   * The run in {@code dir} really was stopped midway: it says failed (interrupted, naming --resume)
   * and has more than the header but fewer than {@code complete} lines of metrics.
   */
  private static void assertInterrupted(Path dir, int complete) throws Exception {
    JsonNode s = summary(dir);
    assertEquals("failed", s.get("status").asText(), s.toString());
    assertTrue(s.get("error").asText().startsWith("interrupted"), s.toString());
    int rows = Files.readAllLines(dir.resolve("metrics.csv")).size();
    assertTrue(rows > 1 && rows < complete, "stopped midway: " + rows + " of " + complete);
  }

  @Test
  void learningRateTrialsRunAndResumeExactly() throws Exception {
    Path config = Files.writeString(tmp.resolve("lr.yaml"), LR);
    CommandRun out =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("a").toString(), "--quiet");
    assertEquals(0, out.code(), out.err());
    List<Path> whole = dirs(tmp.resolve("a"));
    assertEquals(2, whole.size(), out.err());
    // directory names sort by start time, then by parameters: look the 0.5 run up by its summary
    Path half = null;
    for (Path d : whole) {
      assertEquals("done", summary(d).get("status").asText());
      if (summary(d).at("/params/initial_lr").asDouble() == 0.5) {
        half = d;
      }
    }
    assertTrue(half != null, "a run with initial_lr 0.5 among " + whole);
    JsonNode s = summary(half);
    List<String> rows = Files.readAllLines(half.resolve("metrics.csv"));
    assertEquals("outer_step,lr,meta_loss,final_inner_loss,metagradient,next_lr", rows.get(0));
    assertEquals(26, rows.size(), "header and 25 outer steps");
    assertFirstOuterStepIsIndependentTruth(rows.get(1));
    String[] last = rows.get(25).split(",");
    assertEquals(Double.parseDouble(last[5]), s.at("/results/final_lr").asDouble(), 0.0);
    assertEquals(Double.parseDouble(last[2]), s.at("/results/final_meta_loss").asDouble(), 0.0);
    for (int k = 1; k < 25; k++) {
      // plain outer SGD of 0.3: each step's rate is the last one's next rate
      assertEquals(rows.get(k).split(",")[5], rows.get(k + 1).split(",")[1], "outer step " + k);
    }
    assertTrue(Files.exists(half.resolve("report/learning_rate.png")));

    Path one = Files.writeString(tmp.resolve("lr1.yaml"), LR.replace("[0.5, 0.05]", "[0.5]"));
    Path stopped = CommandRun.interruptedRun(one, tmp.resolve("b"), 3);
    assertInterrupted(stopped, 26);
    CommandRun resumed = CommandRun.of("run", "--resume", stopped.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(s.get("results"), summary(stopped).get("results"));
    assertEquals(
        Files.readAllLines(half.resolve("metrics.csv")),
        Files.readAllLines(stopped.resolve("metrics.csv")));
  }

  @Test
  void activationRunReportsBaselinesAndFitAndResumesExactly() throws Exception {
    Path config = Files.writeString(tmp.resolve("act.yaml"), ACT);
    CommandRun full =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("a").toString(), "--quiet");
    assertEquals(0, full.code(), full.err());
    Path whole = dirs(tmp.resolve("a")).get(0);
    JsonNode r = summary(whole).get("results");
    for (String key : new String[] {"final_meta_loss", "final_test_acc", "fit_test_acc"}) {
      assertTrue(r.get(key).isNumber(), key + " in " + r);
    }
    assertTrue(r.at("/baselines/relu/mean_inner_loss").isNumber(), r.toString());
    List<String> rows = Files.readAllLines(whole.resolve("metrics.csv"));
    assertEquals("outer_step,meta_loss,final_inner_loss,test_acc,metagradient_norm", rows.get(0));
    assertEquals(21, rows.size());
    assertEquals(
        Double.parseDouble(rows.get(20).split(",")[1]), r.get("final_meta_loss").asDouble(), 0.0);
    assertActivationRunIsIndependentTruth(
        Double.parseDouble(rows.get(1).split(",")[1]),
        r.at("/baselines/tanh/mean_inner_loss").asDouble(),
        r.at("/baselines/tanh/meta_loss").asDouble());
    assertEquals(21, Files.readAllLines(whole.resolve("activation.csv")).size());
    for (String f :
        List.of(
            "report/fit.png",
            "report/activation_evolution.png",
            "report/test_accuracy_baselines.png")) {
      assertTrue(Files.exists(whole.resolve(f)), f);
    }

    Path stopped = CommandRun.interruptedRun(config, tmp.resolve("b"), 4);
    assertInterrupted(stopped, 21);
    CommandRun resumed = CommandRun.of("run", "--resume", stopped.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals("done", summary(stopped).get("status").asText());
    assertEquals(r, summary(stopped).get("results"));
    assertEquals(
        Files.readAllLines(whole.resolve("metrics.csv")),
        Files.readAllLines(stopped.resolve("metrics.csv")));
    assertEquals(
        Files.readAllLines(whole.resolve("activation.csv")),
        Files.readAllLines(stopped.resolve("activation.csv")));
  }

  /**
   * A metalearning run killed with SIGKILL in the middle of its outer loop (in a child JVM) keeps
   * its rows, says it is still running, and resumes from its last outer-step checkpoint to the
   * numbers of an uninterrupted run, row for row.
   */
  @Test
  void aKilledMetalearningRunResumesToTheSameNumbers() throws Exception {
    String text =
        String.join(
            "\n",
            "experiment: metalearn-lr",
            "seed: 5",
            "dataset: {num_samples: 300}",
            "initial_lr: 0.5",
            "inner: {hidden: 6, batch: 20, steps: 8}",
            "outer: {steps: 600, momentum: 0.5}",
            "");
    Path config = Files.writeString(tmp.resolve("long.yaml"), text);
    CommandRun ref =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("ref").toString(), "--quiet");
    assertEquals(0, ref.code(), ref.err());
    Path refDir = Path.of(ref.out().strip());
    List<String> refRows = Files.readAllLines(refDir.resolve("metrics.csv"));
    assertEquals(601, refRows.size());

    Path runs = tmp.resolve("killed");
    Path log = tmp.resolve("child.log");
    Process child =
        ChildRun.start(log, "run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    Path dir = ChildRun.awaitRows(runs, 20);
    assertTrue(child.isAlive(), "still running when killed: " + Files.readString(log));
    child.destroyForcibly(); // SIGKILL
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    assertTrue(
        rows.size() > 20 && rows.size() < refRows.size(),
        "killed midway: " + rows.size() + " of " + refRows.size() + " lines");
    assertEquals("running", summary(dir).get("status").asText(), "no chance to say otherwise");
    assertEquals(refRows.subList(0, rows.size()), rows, "rows before the kill");
    long checkpointed = RunDirectory.existing(dir).loadCheckpoint().orElseThrow().step();
    assertTrue(checkpointed > 0 && checkpointed < 600, "checkpoint at outer step " + checkpointed);

    CommandRun resumed = CommandRun.of("run", "--resume", dir.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals("done", summary(dir).get("status").asText());
    assertEquals(refRows, Files.readAllLines(dir.resolve("metrics.csv")));
    assertEquals(summary(refDir).get("results"), summary(dir).get("results"));
  }

  @Test
  void divergenceFailsTheRunNamingOuterAndInnerStep() throws Exception {
    // an absurd outer step sends the learning rate to about -1e307 after outer step 0
    Path config =
        Files.writeString(
            tmp.resolve("div.yaml"),
            String.join(
                "\n",
                "experiment: metalearn-lr",
                "dataset: {num_samples: 300}",
                "initial_lr: 0.5",
                "inner: {hidden: 6, batch: 20, steps: 8}",
                "outer: {steps: 4, lr: 1.0e308}",
                ""));
    Path runs = tmp.resolve("r");
    CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    Path dir;
    try (var s = Files.list(runs)) {
      dir = s.findFirst().orElseThrow();
    }
    JsonNode s = summary(dir);
    assertEquals("failed", s.get("status").asText());
    String error = s.get("error").asText();
    assertTrue(error.matches("diverged at outer step 1, inner step \\d+: inner loss is .*"), error);
    assertEquals(
        2,
        Files.readAllLines(dir.resolve("metrics.csv")).size(),
        "header and outer step 0 are kept");
  }
}
