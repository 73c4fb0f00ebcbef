package org.mnist1d.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.cli.Main;

/**
 * {@code run --jobs N}, {@code --only}, {@code --list} and {@code CONFIG --resume}: a point gives
 * the same numbers however it is scheduled, a failing point does not stop the others, and a stopped
 * parallel sweep leaves every started run resumable.
 */
class ParallelSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** Three small quickstart runs (logistic regression on 400 examples), and a report over them. */
  private Path sweep(int steps, int evalEvery) throws Exception {
    return Files.writeString(
        tmp.resolve("tiny.yaml"),
        String.join(
            "\n",
            "experiment: quickstart",
            "name: tiny",
            "dataset: {num_samples: 500}",
            "model: logistic",
            "training: {steps: " + steps + ", batch: 50, eval_every: " + evalEvery + "}",
            "sweep: {seeds: [1, 2, 3]}",
            "report:",
            "  tables:",
            "    - {name: final, from: summary, select: [params.seed, results.test_acc], sort: [params.seed]}",
            ""));
  }

  private static CommandRun run(Path config, Path runs, String... more) {
    List<String> args =
        new ArrayList<>(List.of("run", config.toString(), "--runs-dir", runs.toString()));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  /** Point index -> (summary.json results, metrics.csv text) of every run under {@code runs}. */
  private static Map<Integer, List<Object>> byPoint(Path runs) throws Exception {
    Map<Integer, List<Object>> out = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith("tiny-")).toList()) {
        JsonNode s = JSON.readTree(d.resolve("summary.json").toFile());
        assertEquals("done", s.get("status").asText(), d.toString());
        List<Object> was =
            out.put(
                s.get("sweep").get("point").asInt(),
                List.of(s.get("results"), Files.readString(d.resolve("metrics.csv"))));
        assertEquals(null, was, "one run per point");
      }
    }
    return out;
  }

  @Test
  void listPrintsThePointsAndRunsNothing() throws Exception {
    Path runs = tmp.resolve("runs");
    CommandRun r =
        run(sweep(10, 5), runs, "--list", "--set", "sweep.grid={model: [logistic, mlp]}");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of(
            "0\tseed=1 model=logistic",
            "1\tseed=1 model=mlp",
            "2\tseed=2 model=logistic",
            "3\tseed=2 model=mlp",
            "4\tseed=3 model=logistic",
            "5\tseed=3 model=mlp"),
        r.out().lines().toList());
    assertFalse(Files.exists(runs));
  }

  @Test
  void badSchedulingArgumentsAreOneLineErrorsAndMakeNoRun() throws Exception {
    Path runs = tmp.resolve("runs");
    Path config = sweep(10, 5);
    for (List<String> args :
        List.of(
            List.of("--only", "3"),
            List.of("--only", "2-1"),
            List.of("--jobs", "0"),
            List.of("--jobs", "many"),
            List.of("--set", "sweep.seeds=[1, 2, 1]"))) {
      CommandRun r = run(config, runs, args.toArray(String[]::new));
      assertEquals(2, r.code(), args + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    assertEquals(
        "error: --only: point 3 does not exist; the sweep has 3 points (0-2)",
        run(config, runs, "--only", "3").err().strip());
    assertTrue(
        run(config, runs, "--set", "sweep.seeds=[1, 2, 1]")
            .err()
            .contains("sweep: points 0 and 2 are the same run (seed=1)"));
    CommandRun resumeDir = CommandRun.of("run", "--resume", tmp.toString(), "--jobs", "2");
    assertEquals(2, resumeDir.code());
    assertTrue(resumeDir.err().contains("apply to a CONFIG"), resumeDir.err());
    assertFalse(Files.exists(runs));
  }

  @Test
  void aPointGivesTheSameNumbersHoweverItIsScheduled() throws Exception {
    Path config = sweep(200, 20);
    Path one = tmp.resolve("one");
    CommandRun a = run(config, one, "--quiet");
    assertEquals(0, a.code(), a.err());
    Map<Integer, List<Object>> reference = byPoint(one);
    assertEquals(3, reference.size());

    Path two = tmp.resolve("two");
    CommandRun b = run(config, two, "--jobs", "2");
    assertEquals(0, b.code(), b.err());
    assertEquals(3, b.out().lines().count(), "each run directory on stdout: " + b.out());
    assertTrue(b.err().contains("point 2 (seed=3): done"), b.err());
    assertEquals(reference, byPoint(two));
    // each run's own report, written by the parent process (the workers only train): the same
    // files as a run of one process has
    for (String dir : b.out().lines().toList()) {
      assertEquals(reportFiles(firstRun(one)), reportFiles(Path.of(dir)), dir);
    }

    // --only: the same numbers again
    Path some = tmp.resolve("some");
    CommandRun c = run(config, some, "--only", "2", "--quiet");
    assertEquals(0, c.code(), c.err());
    assertEquals(1, c.out().lines().count(), c.out());
    CommandRun d = run(config, some, "--only", "0-1", "--quiet");
    assertEquals(0, d.code(), d.err());
    assertEquals(reference, byPoint(some));

    // each --only report covers the sweep's runs in the runs directory: 1, then all 3
    List<Path> reports;
    try (Stream<Path> s = Files.list(some.resolve("reports"))) {
      reports = s.sorted().toList();
    }
    assertEquals(2, reports.size());
    assertEquals(2, Files.readAllLines(reports.get(0).resolve("final.csv")).size());
    assertEquals(4, Files.readAllLines(reports.get(1).resolve("final.csv")).size());

    // the recorded sweep id is the same for every point and every schedule
    JsonNode s0 =
        JSON.readTree(
            Path.of(b.out().lines().findFirst().orElseThrow()).resolve("summary.json").toFile());
    Sweep loaded = Sweep.load(config, List.of());
    assertEquals(loaded.id(), s0.get("sweep").get("id").asText());
    assertEquals(3, s0.get("sweep").get("points").asInt());

    // CONFIG --resume: every point is done, nothing runs
    CommandRun e = run(config, some, "--resume", "--jobs", "2", "--quiet");
    assertEquals(0, e.code(), e.err());
    assertEquals("", e.out());
    assertEquals(3, e.err().lines().filter(l -> l.contains("skipped, done: ")).count(), e.err());
    assertFalse(e.err().contains("report written"), e.err());

    // a done run without its own report (a sweep stopped before the parent wrote it): --resume
    // writes it and runs nothing
    Path stripped = Path.of(b.out().lines().toList().get(1));
    try (Stream<Path> files = Files.walk(stripped.resolve("report"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
    CommandRun f = run(config, two, "--resume", "--quiet");
    assertEquals(0, f.code(), f.err());
    assertEquals("", f.out());
    assertTrue(
        f.err().contains("its missing report written: " + stripped.resolve("report/report.html")),
        f.err());
    assertEquals(reportFiles(firstRun(one)), reportFiles(stripped));
  }

  @Test
  void aFailingPointDoesNotStopTheOthers() throws Exception {
    Path runs = tmp.resolve("runs");
    // SGD with a learning rate of 1e38 overflows float32 in the first step: that run fails
    CommandRun r =
        run(
            sweep(20, 1),
            runs,
            "--jobs",
            "2",
            "--quiet",
            "--set",
            "training.optimizer=sgd",
            "--set",
            "sweep={grid: {training.lr: [0.01, 1.0e38, 0.02]}}");
    assertEquals(1, r.code(), r.err());
    assertEquals(3, r.out().lines().count(), r.out());
    List<String> failed = r.err().lines().filter(l -> l.startsWith("failed: ")).toList();
    assertEquals(1, failed.size(), r.err());
    assertTrue(
        failed.get(0).startsWith("failed: point 1 (lr=1.0E38): ")
            && failed.get(0).endsWith("diverged at step 1: train loss is NaN"),
        failed.get(0));
    assertTrue(r.err().contains("1 of 3 points failed"), r.err());

    // status: the same sweep (same overrides) shows each point and the failure's error
    CommandRun status =
        CommandRun.of(
            "status",
            tmp.resolve("tiny.yaml").toString(),
            "--runs-dir",
            runs.toString(),
            "--set",
            "training.optimizer=sgd",
            "--set",
            "sweep={grid: {training.lr: [0.01, 1.0e38, 0.02]}}");
    assertEquals(0, status.code(), status.err());
    List<String> lines = status.out().lines().toList();
    assertTrue(lines.get(0).startsWith("sweep tiny ("), status.out());
    assertTrue(
        lines.get(3).matches("1 +failed +lr=1.0E38 +.*: diverged at step 1: train loss is NaN"),
        status.out());
    assertTrue(lines.get(2).matches("0 +done +lr=0.01 +.*tiny-.*"), status.out());
    assertEquals("2 done, 1 failed", lines.get(lines.size() - 1));
    // status RUNS_DIR: the same, found by the sweep id the runs record
    CommandRun byDir = CommandRun.of("status", runs.toString());
    assertEquals(status.out(), byDir.out());
  }

  @Test
  void aStoppedParallelSweepLeavesEveryStartedRunResumable() throws Exception {
    Path config = sweep(3000, 5);
    Path runs = tmp.resolve("runs");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                config.toString(),
                "--runs-dir",
                runs.toString(),
                "--jobs",
                "2",
                "--only",
                "0-1"));
    Process parent =
        new ProcessBuilder(JavaCommand.current(Main.class.getName()).command(args))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("parent.log").toFile())
            .start();
    awaitTwoRunsUnderWay(runs, parent);
    List<ProcessHandle> workers = parent.descendants().toList();
    assertEquals(2, workers.size(), workers.toString());
    parent.destroy(); // SIGTERM, as Slurm or kill sends; Ctrl-C's SIGINT takes the same path
    assertTrue(parent.waitFor(60, TimeUnit.SECONDS));
    assertEquals(143, parent.exitValue());
    String log = Files.readString(tmp.resolve("parent.log"));
    assertTrue(log.contains("interrupted; continue the sweep with: workbench run "), log);
    for (ProcessHandle w : workers) {
      assertFalse(w.isAlive(), "worker " + w.pid() + " outlived the sweep");
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(runs)) {
      dirs = s.filter(d -> d.getFileName().toString().startsWith("tiny-")).toList();
    }
    assertEquals(2, dirs.size());
    for (Path d : dirs) {
      JsonNode s = JSON.readTree(d.resolve("summary.json").toFile());
      assertEquals("failed", s.get("status").asText(), d.toString());
      assertTrue(s.get("error").asText().startsWith("interrupted"), s.toString());
    }

    // a run whose process vanished without a word (SIGKILL) says running: status calls it stopped
    Path killed = dirs.get(0);
    com.fasterxml.jackson.databind.node.ObjectNode s0 =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            JSON.readTree(killed.resolve("summary.json").toFile());
    s0.put("status", "running");
    s0.remove("error");
    Files.writeString(killed.resolve("summary.json"), JSON.writeValueAsString(s0));
    CommandRun status = CommandRun.of("status", config.toString(), "--runs-dir", runs.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("its process is gone; resumable"), status.out());
    assertTrue(status.out().contains(": interrupted (SIGINT/SIGTERM)"), status.out());
    assertTrue(status.out().endsWith("1 failed, 1 stopped, 1 not started\n"), status.out());

    // CONFIG --resume continues both from their checkpoints and starts the third
    CommandRun resumed = run(config, runs, "--resume", "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1, resumed.out().lines().count(), "one new run: " + resumed.out());
    Map<Integer, List<Object>> after = byPoint(runs);
    assertEquals(3, after.size());
  }

  private static void awaitTwoRunsUnderWay(Path runs, Process parent) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && parent.isAlive()) {
      List<Path> dirs = List.of();
      if (Files.isDirectory(runs)) {
        try (Stream<Path> s = Files.list(runs)) {
          dirs = s.toList();
        }
      }
      if (dirs.size() == 2
          && dirs.stream()
              .allMatch(
                  d ->
                      Files.exists(d.resolve("metrics.csv"))
                          && lines(d.resolve("metrics.csv")) > 20)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the two runs did not get under way; parent alive: " + parent.isAlive());
  }

  private static long lines(Path f) {
    try (Stream<String> s = Files.lines(f)) {
      return s.count();
    } catch (Exception e) {
      return 0;
    }
  }

  private static Path firstRun(Path runs) throws Exception {
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(p -> Files.exists(p.resolve("summary.json")))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  private static List<String> reportFiles(Path run) throws Exception {
    try (Stream<Path> s = Files.list(run.resolve("report"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
