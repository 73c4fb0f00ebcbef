package org.mnist1d.workbench.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.cli.Main;
import org.mnist1d.workbench.run.RunDirectory;
import org.mnist1d.workbench.sweep.JavaCommand;

/**
 * {@code workbench submit --to slurm} against a real Slurm: a private one-node cluster started with
 * {@code bin/slurm-local} (Debian's slurm-wlm and munge; the test is skipped where they are not
 * installed). A three-seed quickstart sweep is submitted and waited for; every point's results must
 * equal a local {@code run} of the same sweep, and the report job must have written the report.
 * Then one run is deleted and another marked interrupted: {@code submit --resume} submits just
 * those two (the interrupted one resumes from its checkpoint), and the numbers are still the local
 * ones.
 */
class SlurmSubmitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath();
  private static final List<String> SWEEP =
      List.of("--set", "sweep.seeds=[1, 2, 3]", "--set", "training.steps=150");

  @TempDir static Path tmp;
  private static Path cluster;
  private static String slurmConf;

  @BeforeAll
  static void startCluster() throws Exception {
    boolean installed =
        installed("sbatch") && installed("slurmctld") && installed("slurmd") && installed("munged");
    // CI sets WORKBENCH_REQUIRE_SLURM=1: there a missing Slurm is a failure, not a skip
    if (!installed && System.getenv("WORKBENCH_REQUIRE_SLURM") != null) {
      throw new AssertionError("WORKBENCH_REQUIRE_SLURM is set but Slurm is not installed");
    }
    Assumptions.assumeTrue(
        installed,
        "Slurm is not installed (apt-get install slurm-wlm munge): skipping the Slurm test");
    cluster = tmp.resolve("cluster");
    int port = freePortPair();
    ProcessBuilder pb =
        new ProcessBuilder(
                ROOT.resolve("bin/slurm-local").toString(), "start", "--dir", cluster.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("slurm-local.log").toFile());
    pb.environment().put("SLURM_LOCAL_PORT", String.valueOf(port));
    Process start = pb.start();
    assertTrue(start.waitFor(90, TimeUnit.SECONDS), "bin/slurm-local start hung");
    if (start.exitValue() != 0) {
      throw new AssertionError(
          "bin/slurm-local start failed:\n" + Files.readString(tmp.resolve("slurm-local.log")));
    }
    slurmConf = cluster.resolve("slurm.conf").toString();
    assertTrue(Files.readString(Path.of(slurmConf)).contains("SlurmctldPort=" + port));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      Process stop =
          new ProcessBuilder(
                  ROOT.resolve("bin/slurm-local").toString(), "stop", "--dir", cluster.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      stop.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSweepOnSlurmGivesTheLocalNumbersAndItsReport() throws Exception {
    Path config = ROOT.resolve("configs/quickstart.yaml");
    Path local = tmp.resolve("local");
    CommandRun reference = CommandRun.of(args("run", config, local, "--quiet"));
    assertEquals(0, reference.code(), reference.err());
    Map<Integer, JsonNode> expected = results(local);
    assertEquals(3, expected.size());

    Path runs = tmp.resolve("cluster-runs");
    Out submitted =
        workbench(args("submit", config, runs, "--to", "slurm", "--wait", "--time", "10"));
    assertEquals(0, submitted.code(), submitted.text());
    assertTrue(
        submitted.out().matches("(?s)array job \\d+: 3 point\\(s\\) \\(0-2\\) of quickstart.*"),
        submitted.out());
    assertTrue(submitted.out().contains("\n3 done\n"), submitted.out());
    assertEquals(expected, results(runs));
    Path folder = onlyChild(runs.resolve("slurm"));
    for (String f : List.of("array.sbatch", "report.sbatch", "submit.sh", "submission.json")) {
      assertTrue(Files.isRegularFile(folder.resolve(f)), f);
    }
    Path report = runs.resolve("reports").resolve(folder.getFileName());
    assertTrue(Files.isRegularFile(report.resolve("report.html")), submitted.text());
    assertTrue(
        submitted.out().contains("report: " + report.resolve("report.html")), submitted.out());
    assertEquals(1, count(runs.resolve("reports")), "the tasks write no reports of their own");

    // status shows each point with its Slurm job
    String array = submitted.out().split("[ :]")[2];
    Out status = workbench(args("status", config, runs));
    assertEquals(0, status.code(), status.text());
    for (int i = 0; i < 3; i++) {
      assertTrue(status.out().contains("slurm " + array + "_" + i), status.out());
    }

    // --resume: nothing to do; then a missing run and an interrupted one are submitted again
    Out nothing = workbench(args("submit", config, runs, "--to", "slurm", "--resume"));
    assertTrue(nothing.out().startsWith("nothing to submit"), nothing.text());
    Path point1 = runOf(runs, 1);
    Path point2 = runOf(runs, 2);
    deleteTree(point1);
    interrupt(point2);
    Out again =
        workbench(
            args("submit", config, runs, "--to", "slurm", "--resume", "--wait", "--time", "10"));
    assertEquals(0, again.code(), again.text());
    assertTrue(again.out().matches("(?s)array job \\d+: 2 point\\(s\\) \\(1-2\\).*"), again.out());
    assertEquals(expected, results(runs));
    assertEquals(point2, runOf(runs, 2), "the interrupted run was resumed, not run again");
    assertEquals(
        Files.readString(runOf(local, 2).resolve("metrics.csv")),
        Files.readString(point2.resolve("metrics.csv")));
  }

  /**
   * Marks {@code run}'s summary.json interrupted (as a time limit leaves it); its checkpoint stays.
   */
  private static void interrupt(Path run) throws IOException {
    assertTrue(Files.exists(run.resolve(RunDirectory.CHECKPOINT)));
    com.fasterxml.jackson.databind.node.ObjectNode s =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            JSON.readTree(run.resolve("summary.json").toFile());
    s.put("status", "failed");
    s.put("error", "interrupted (SIGINT/SIGTERM) before it finished");
    Files.writeString(run.resolve("summary.json"), JSON.writeValueAsString(s));
  }

  private static String[] args(String command, Path config, Path runs, String... more) {
    List<String> a =
        new ArrayList<>(List.of(command, config.toString(), "--runs-dir", runs.toString()));
    a.addAll(SWEEP);
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** Sweep point -> summary.json results of the (one) run of each point under {@code runs}. */
  private static Map<Integer, JsonNode> results(Path runs) throws IOException {
    Map<Integer, JsonNode> out = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d :
          dirs.filter(d -> d.getFileName().toString().startsWith("quickstart-")).toList()) {
        JsonNode s = JSON.readTree(d.resolve("summary.json").toFile());
        assertEquals("done", s.get("status").asText(), d + ": " + s);
        assertEquals(
            null,
            out.put(s.get("sweep").get("point").asInt(), s.get("results")),
            "one run per point");
      }
    }
    return out;
  }

  private static Path runOf(Path runs, int point) throws IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d :
          dirs.filter(d -> d.getFileName().toString().startsWith("quickstart-")).toList()) {
        if (JSON.readTree(d.resolve("summary.json").toFile()).get("sweep").get("point").asInt()
            == point) {
          return d;
        }
      }
    }
    throw new AssertionError("no run of point " + point);
  }

  private static Path onlyChild(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The output of a workbench command run in a child JVM with this cluster's SLURM_CONF. */
  private record Out(int code, String out, String err) {
    String text() {
      return out + err;
    }
  }

  private static Out workbench(String... args) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(JavaCommand.current(Main.class.getName()).command(List.of(args)))
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .redirectError(tmp.resolve("err.txt").toFile());
    pb.environment().put("SLURM_CONF", slurmConf);
    Process p = pb.start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "workbench " + String.join(" ", args) + " hung");
    return new Out(
        p.exitValue(),
        Files.readString(tmp.resolve("out.txt")),
        Files.readString(tmp.resolve("err.txt")));
  }

  private static boolean installed(String command) {
    for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A TCP port p with p and p + 1 free (slurmctld and slurmd), so that other clusters are left
   * alone.
   */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p;
      try (ServerSocket s = new ServerSocket(0)) {
        p = s.getLocalPort();
      }
      if (p < 65535) {
        try (ServerSocket a = new ServerSocket(p);
            ServerSocket b = new ServerSocket(p + 1)) {
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no two free TCP ports in a row");
  }
}
