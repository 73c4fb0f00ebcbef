package org.mnist1d.workbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.ChildRun;
import org.mnist1d.workbench.cli.CommandRun;

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
  private static List<Path> dirs(Path root) throws Exception {
    try (var s = Files.list(root)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Runs {@code config} in a thread and interrupts it once metrics.csv has {@code rows} rows. */
  private Path stoppedRun(Path config, Path runs, int rows) throws Exception {
    AtomicInteger done = new AtomicInteger();
    Thread t =
        new Thread(
            () -> {
              CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
              done.set(1);
            });
    t.start();
    while (done.get() == 0) {
      try (var s = Files.exists(runs) ? Files.list(runs) : java.util.stream.Stream.<Path>empty()) {
        Path dir = s.findFirst().orElse(null);
        Path m = dir == null ? null : dir.resolve("metrics.csv");
        if (m != null && Files.exists(m) && Files.readAllLines(m).size() > rows) {
          t.interrupt();
          break;
        }
      }
      Thread.sleep(2);
    }
    t.join();
    try (var s = Files.list(runs)) {
      return s.findFirst().orElseThrow();
    }
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
    assertTrue(
        s.at("/results/final_lr").isNumber() && s.at("/results/final_meta_loss").isNumber(),
        s.toString());
    assertTrue(Files.exists(half.resolve("report/learning_rate.png")));

    Path one = Files.writeString(tmp.resolve("lr1.yaml"), LR.replace("[0.5, 0.05]", "[0.5]"));
    Path stopped = stoppedRun(one, tmp.resolve("b"), 3);
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
    assertTrue(r.at("/baselines/tanh/test_acc").isNumber(), r.toString());
    assertEquals(21, Files.readAllLines(whole.resolve("activation.csv")).size());
    for (String f :
        List.of(
            "report/fit.png",
            "report/activation_evolution.png",
            "report/test_accuracy_baselines.png")) {
      assertTrue(Files.exists(whole.resolve(f)), f);
    }

    Path stopped = stoppedRun(config, tmp.resolve("b"), 4);
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
    long checkpointed = JSON.readTree(dir.resolve("checkpoint.json").toFile()).get("step").asLong();
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
