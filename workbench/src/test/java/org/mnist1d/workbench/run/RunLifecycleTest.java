package org.mnist1d.workbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.cli.Main;

/**
 * Whole runs through the CLI: what a run directory holds, that bad configs make none, that a run
 * killed with SIGKILL keeps its metric rows, and that a resumed run ends where an uninterrupted one
 * does.
 */
class RunLifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

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
    assertTrue(summary.get("results").get("test_acc").asDouble() > 10, summary.toString());
    List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
    assertEquals("step,train_loss,train_acc,test_loss,test_acc", metrics.get(0));
    assertEquals(6, metrics.size()); // steps 0, 10, 20, 30, 40
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
    // the uninterrupted reference
    Path refRuns = tmp.resolve("ref");
    CommandRun ref =
        CommandRun.of("run", cfg.toString(), "--runs-dir", refRuns.toString(), "--quiet");
    assertEquals(0, ref.code(), ref.err());
    Path refDir = Path.of(ref.out().strip());

    // the same run in a child JVM, killed with SIGKILL once it has checkpointed
    Path runs = tmp.resolve("runs");
    Process child = childRun(cfg, runs);
    Path dir = awaitRows(runs, 50);
    assertTrue(
        child.isAlive(),
        "the child must still be running when killed: "
            + Files.readString(tmp.resolve("child.log")));
    child.destroyForcibly(); // SIGKILL on Linux
    child.waitFor(30, TimeUnit.SECONDS);

    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    assertTrue(rows.size() > 50);
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      assertEquals(5, f.length, row);
      for (String v : f) {
        Double.parseDouble(v);
      }
    }
    assertEquals(
        "running", JSON.readTree(dir.resolve("summary.json").toFile()).get("status").asText());
    List<String> refRows = Files.readAllLines(refDir.resolve("metrics.csv"));
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

  /**
   * Starts {@code workbench run cfg} in a child JVM with this JVM's thread count; output to
   * child.log.
   */
  private Process childRun(Path cfg, Path runs) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                // the same thread count as this JVM: float reductions then run in the same order
                "-Dai.djl.pytorch.num_threads="
                    + System.getProperty("ai.djl.pytorch.num_threads", "1"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                cfg.toString(),
                "--runs-dir",
                runs.toString(),
                "--quiet"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile())
        .start();
  }

  /**
   * Waits (at most 2 minutes) until the run under {@code runs} has checkpointed and written {@code
   * rows} metric rows.
   */
  private static Path awaitRows(Path runs, int rows) throws Exception {
    Path dir = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> s = Files.exists(runs) ? Files.list(runs) : Stream.empty()) {
        dir = s.findFirst().orElse(null);
      }
      if (dir != null
          && Files.exists(dir.resolve("checkpoint.json"))
          && Files.readAllLines(dir.resolve("metrics.csv")).size() > rows) {
        return dir;
      }
      Thread.sleep(20);
    }
    return dir;
  }

  @Test
  void aTerminatedRunSaysSoAndResumes() throws Exception {
    Path runs = tmp.resolve("runs");
    Process child = childRun(config(3000, 5, 100), runs);
    Path dir = awaitRows(runs, 50);
    assertTrue(
        child.isAlive(),
        "the child must still be running when stopped: "
            + Files.readString(tmp.resolve("child.log")));
    child.destroy(); // SIGTERM on Linux, as Ctrl-C's SIGINT: shutdown hooks run
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
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
  }

  @Test
  void resumeRejectsWhatIsNotARun() throws Exception {
    CommandRun r = CommandRun.of("run", "--resume", tmp.toString());
    assertEquals(2, r.code());
    assertEquals("error: " + tmp + ": not a run directory (no config.yaml)", r.err().strip());
  }
}
