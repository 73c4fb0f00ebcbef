package org.mnist1d.workbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.cli.ChildRun;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.reference.TorchReference;
import org.mnist1d.workbench.train.PlainSoftmaxRegression;

/**
 * Whole runs through the CLI: what a run directory holds, that bad configs make none, that a run
 * killed with SIGKILL keeps its metric rows, and that a resumed run ends where an uninterrupted one
 * does.
 */
class RunLifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** Where the uninterrupted reference run lives, shared by the interrupted-run tests. */
  @TempDir static Path shared;

  private static Path referenceRun;

  /** The long config's uninterrupted run (made once): what every resumed run must end as. */
  private static synchronized Path reference(Path cfg) {
    if (referenceRun == null) {
      CommandRun ref =
          CommandRun.of(
              "run", cfg.toString(), "--runs-dir", shared.resolve("ref").toString(), "--quiet");
      assertEquals(0, ref.code(), ref.err());
      referenceRun = Path.of(ref.out().strip());
    }
    return referenceRun;
  }

  /** A small quickstart: 400 train / 100 test examples. */
  private Path config(int steps, int evalEvery, int checkpointEvery) throws Exception {
    Path f = tmp.resolve("q.yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "experiment: quickstart",
            "dataset: {num_samples: 500}",
            "model: logistic",
            "training: {steps: "
                + steps
                + ", batch: 50, eval_every: "
                + evalEvery
                + ", checkpoint_every: "
                + checkpointEvery
                + "}",
            ""));
    return f;
  }

  @Test
  void aRunWritesItsDirectory() throws Exception {
    Path runs = tmp.resolve("runs");
    CommandRun r =
        CommandRun.of(
            "run",
            config(40, 10, 20).toString(),
            "--runs-dir",
            runs.toString(),
            "--quiet",
            "--set",
            "sweep.seeds=[1, 2]");
    assertEquals(0, r.code(), r.err());
    List<String> dirs = r.out().lines().toList();
    assertEquals(2, dirs.size(), r.out());
    Path dir = Path.of(dirs.get(0));
    for (String f :
        List.of(
            "config.yaml",
            "env.json",
            "metrics.csv",
            "summary.json",
            "report/report.html",
            "report/report.md",
            "report/results.csv",
            "report/accuracy.png")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("done", summary.get("status").asText());
    assertEquals("quickstart", summary.get("experiment").asText());
    assertEquals(1, summary.get("params").get("seed").asInt());
    List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
    assertEquals("step,train_loss,train_acc,test_loss,test_acc", metrics.get(0));
    assertEquals(6, metrics.size()); // steps 0, 10, 20, 30, 40
    assertMatchesPlainTraining(metrics, summary.get("results"));
    String config = Files.readString(dir.resolve("config.yaml"));
    assertTrue(
        config.contains("seed: 1")
            && config.contains("lr: 0.01")
            && config.contains("num_samples: 500"),
        config);
    JsonNode env = JSON.readTree(dir.resolve("env.json").toFile());
    for (String k :
        List.of("workbench", "java", "djl", "pytorch", "device", "threads", "started")) {
      assertTrue(env.has(k), k);
    }
    assertEquals("cpu()", env.get("device").asText());
    assertFalse(dirs.get(0).equals(dirs.get(1)), "each run has its own directory");
  }

  /**
   * The run's curve and results are those of an independent trainer ({@link
   * PlainSoftmaxRegression}: the same data, initialisation, in-order batches and torch's Adam, in
   * plain float64): losses to 1e-5 (float32 training), accuracies exactly.
   */
  private static void assertMatchesPlainTraining(List<String> metrics, JsonNode results) {
    Mnist1dData data =
        DatasetCache.atDefaultLocation()
            .get(Mnist1dArgs.defaults().with(Map.of("num_samples", 500)));
    double[][] x = float32(data.x());
    double[][] xTest = float32(data.xTest());
    Model model = Models.logistic(40, 10);
    List<double[]> init = Initialization.values(model, 1);
    PlainSoftmaxRegression plain =
        new PlainSoftmaxRegression(
            x,
            data.y(),
            50,
            "adam",
            0.01,
            TorchReference.asFloat32(init.get(0)),
            TorchReference.asFloat32(init.get(1)));
    double[] test = null;
    double[] train = null;
    for (int row = 1; row < metrics.size(); row++) {
      int step = (row - 1) * 10;
      while (plain.step() < step) {
        plain.update();
      }
      train = plain.lossAndAccuracy(x, data.y(), 0, x.length, null);
      test = plain.lossAndAccuracy(xTest, data.yTest(), 0, xTest.length, null);
      String[] f = metrics.get(row).split(",");
      assertEquals(step, Integer.parseInt(f[0]));
      assertEquals(train[0], Double.parseDouble(f[1]), 1e-5 * train[0], "train loss, " + f[0]);
      assertEquals(train[1], Double.parseDouble(f[2]), 0.0, "train accuracy, step " + f[0]);
      assertEquals(test[0], Double.parseDouble(f[3]), 1e-5 * test[0], "test loss, step " + f[0]);
      assertEquals(test[1], Double.parseDouble(f[4]), 0.0, "test accuracy, step " + f[0]);
    }
    assertEquals(test[1], results.get("test_acc").asDouble(), 0.0, results.toString());
    assertEquals(train[0], results.get("train_loss").asDouble(), 1e-5 * train[0]);
  }

  private static double[][] float32(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = TorchReference.asFloat32(rows[i]);
    }
    return out;
  }

  @Test
  void badConfigsMakeNoRunDirectory() throws Exception {
    Path runs = tmp.resolve("runs");
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "experiment: quickstart\ntraining:\n  steps: -1\n");
    CommandRun r = CommandRun.of("run", bad.toString(), "--runs-dir", runs.toString());
    assertEquals(2, r.code());
    assertEquals(
        "error: " + bad + ":3:10: training.steps: expected an integer >= 1, got -1",
        r.err().strip());
    CommandRun o =
        CommandRun.of(
            "run",
            config(5, 5, 5).toString(),
            "--runs-dir",
            runs.toString(),
            "--set",
            "training.batch=wide");
    assertEquals(2, o.code());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("training.batch: expected an integer, got 'wide'"), o.err());
    assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "no run directory");
  }

  @Test
  void aKilledRunKeepsItsRowsAndResumesToTheSameNumbers() throws Exception {
    Path cfg = config(3000, 5, 100);
    Path refDir = reference(cfg);

    // the same run in a child JVM, killed with SIGKILL once it has checkpointed
    Path runs = tmp.resolve("runs");
    Process child = childRun(cfg, runs);
    Path dir = awaitRows(runs, 50);
    assertTrue(
        child.isAlive(),
        "the child must still be running when killed: "
            + Files.readString(tmp.resolve("child.log")));
    child.destroyForcibly(); // SIGKILL on Linux

    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child is gone");
    assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    List<String> refRows = Files.readAllLines(refDir.resolve("metrics.csv"));
    assertEquals(602, refRows.size(), "header and steps 0, 5, ..., 3000");
    assertTrue(
        rows.size() > 50 && rows.size() < refRows.size(),
        "the run was interrupted midway: " + rows.size() + " of " + refRows.size() + " lines");
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      assertEquals(5, f.length, row);
      for (String v : f) {
        Double.parseDouble(v);
      }
    }
    assertEquals(
        "running", JSON.readTree(dir.resolve("summary.json").toFile()).get("status").asText());
    assertEquals(
        refRows.subList(0, rows.size()),
        rows,
        "rows written before the kill are the uninterrupted run's");

    CommandRun resumed = CommandRun.of("run", "--resume", dir.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(refRows, Files.readAllLines(dir.resolve("metrics.csv")));
    JsonNode a = JSON.readTree(refDir.resolve("summary.json").toFile());
    JsonNode b = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("done", b.get("status").asText());
    assertEquals(a.get("results"), b.get("results"));

    CommandRun again = CommandRun.of("run", "--resume", dir.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("already done"), again.err());
  }

  /** Starts {@code workbench run cfg} in a child JVM; output to child.log. */
  private Process childRun(Path cfg, Path runs) throws Exception {
    return ChildRun.start(
        tmp.resolve("child.log"), "run", cfg.toString(), "--runs-dir", runs.toString(), "--quiet");
  }

  private static Path awaitRows(Path runs, int rows) throws Exception {
    return ChildRun.awaitRows(runs, rows);
  }

  @Test
  void aTerminatedRunSaysSoAndResumes() throws Exception {
    Path runs = tmp.resolve("runs");
    Path cfg = config(3000, 5, 100);
    Path refDir = reference(cfg);
    Process child = childRun(cfg, runs);
    Path dir = awaitRows(runs, 50);
    assertTrue(
        child.isAlive(),
        "the child must still be running when stopped: "
            + Files.readString(tmp.resolve("child.log")));
    child.destroy(); // SIGTERM on Linux, as Ctrl-C's SIGINT: shutdown hooks run
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(143, child.exitValue(), "ended by SIGTERM (128 + 15)");
    List<String> refRows = Files.readAllLines(refDir.resolve("metrics.csv"));
    int rows = Files.readAllLines(dir.resolve("metrics.csv")).size();
    assertTrue(
        rows > 50 && rows < refRows.size(),
        "the run was interrupted midway: " + rows + " of " + refRows.size() + " lines");
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("failed", summary.get("status").asText(), summary.toString());
    assertTrue(
        summary.get("error").asText().startsWith("interrupted")
            && summary.get("error").asText().contains("--resume " + dir),
        summary.toString());
    assertTrue(
        Files.readString(tmp.resolve("child.log")).contains("interrupted: " + dir),
        Files.readString(tmp.resolve("child.log")));

    CommandRun resumed = CommandRun.of("run", "--resume", dir.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    JsonNode done = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals("done", done.get("status").asText());
    assertFalse(done.has("error"), done.toString());
    assertEquals(3000, done.at("/results/steps").asInt(), done.toString());
    assertEquals(refRows, Files.readAllLines(dir.resolve("metrics.csv")));
    assertEquals(
        JSON.readTree(refDir.resolve("summary.json").toFile()).get("results"),
        done.get("results"),
        "the resumed run ends where the uninterrupted one does");
  }

  @Test
  void resumeRejectsWhatIsNotARun() throws Exception {
    CommandRun r = CommandRun.of("run", "--resume", tmp.toString());
    assertEquals(2, r.code());
    assertEquals("error: " + tmp + ": not a run directory (no config.yaml)", r.err().strip());
  }
}
