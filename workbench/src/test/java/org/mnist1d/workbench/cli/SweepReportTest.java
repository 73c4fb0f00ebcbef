package org.mnist1d.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment file's {@code report:} section: written over exactly the runs of the sweep when
 * they finish, rebuilt by {@code workbench report CONFIG.yaml}, and checked before any run starts.
 */
class SweepReportTest {
  @TempDir Path tmp;

  private static final String SWEEP =
      String.join(
          "\n",
          "experiment: quickstart",
          "name: tiny",
          "dataset: {num_samples: 500}",
          "model: logistic",
          "training: {steps: 20, batch: 50, eval_every: 10}",
          "sweep: {seeds: [1, 2]}",
          "");

  private static final String INLINE =
      String.join(
          "\n",
          "report:",
          "  title: Tiny sweep",
          "  tables:",
          "    - {name: final, from: summary, select: [params.seed, results.test_acc], sort: [params.seed]}",
          "  charts:",
          "    - {name: curves, type: line, from: metrics, x: step, y: test_acc, series: params.seed}",
          "");

  private Path file(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
      return s.sorted().toList();
    }
  }

  @Test
  void theReportCoversExactlyTheSweepsRuns() throws Exception {
    Path runs = tmp.resolve("runs");
    Path config = file("tiny.yaml", SWEEP + INLINE);
    assertEquals(
        0,
        CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet").code());
    CommandRun second =
        CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertEquals(0, second.code(), second.err());

    List<Path> reports = list(runs.resolve("reports"));
    assertEquals(2, reports.size(), reports.toString());
    Path latest = reports.get(1);
    assertTrue(second.err().contains("report: " + latest.resolve("report.html")), second.err());
    for (String f : List.of("report.html", "report.md", "final.csv", "curves.png")) {
      assertTrue(Files.isRegularFile(latest.resolve(f)), f);
    }
    // the second report has the second sweep's two runs, not all four
    List<String> rows = Files.readAllLines(latest.resolve("final.csv"));
    assertEquals(3, rows.size(), rows.toString());
    assertTrue(rows.get(1).startsWith("1,") && rows.get(2).startsWith("2,"), rows.toString());
    assertTrue(
        Files.readString(latest.resolve("report.md")).startsWith("# Tiny sweep\n\n2 run(s)"));

    // report CONFIG.yaml: the same tables over every run of that name
    Path all = tmp.resolve("all");
    CommandRun rebuilt =
        CommandRun.of(
            "report", config.toString(), "--runs-dir", runs.toString(), "--out", all.toString());
    assertEquals(0, rebuilt.code(), rebuilt.err());
    assertEquals(5, Files.readAllLines(all.resolve("final.csv")).size());
  }

  @Test
  void aReportFileNamedByTheExperimentFileIsUsedWithItsSourcesReplaced() throws Exception {
    Files.createDirectories(tmp.resolve("reports"));
    file(
        "reports/r.yaml",
        String.join(
            "\n",
            "title: From a file",
            "sources: [{glob: 'nowhere/*'}]",
            "tables: [{name: final, from: summary, select: [params.seed, results.test_acc]}]",
            ""));
    Path config = file("tiny.yaml", SWEEP + "report: reports/r.yaml\n");
    Path runs = tmp.resolve("runs");
    CommandRun r =
        CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    Path report = list(runs.resolve("reports")).get(0);
    assertEquals(3, Files.readAllLines(report.resolve("final.csv")).size());
  }

  @Test
  void aBadReportSectionStopsTheRunBeforeItStarts() throws Exception {
    Path runs = tmp.resolve("runs");
    Path sources = file("a.yaml", SWEEP + "report:\n  sources: [{glob: 'runs/*'}]\n");
    CommandRun a = CommandRun.of("run", sources.toString(), "--runs-dir", runs.toString());
    assertEquals(2, a.code());
    assertTrue(
        a.err().strip().startsWith("error: " + sources + ":8:3: report.sources: not allowed"),
        a.err());

    Path missing = file("b.yaml", SWEEP + "report: reports/none.yaml\n");
    CommandRun b = CommandRun.of("run", missing.toString(), "--runs-dir", runs.toString());
    assertEquals(2, b.code());
    assertTrue(
        b.err().strip().startsWith("error: " + missing + ":7:9: report: no report file"), b.err());

    Path chart =
        file("c.yaml", SWEEP + "report:\n  charts: [{name: c, type: pie, x: step, y: test_acc}]\n");
    CommandRun c = CommandRun.of("run", chart.toString(), "--runs-dir", runs.toString());
    assertEquals(2, c.code());
    assertTrue(
        c.err().contains(chart + ":8:")
            && c.err().contains("report.charts.c.type: expected line, bar or scatter"),
        c.err());

    assertEquals(1, c.err().strip().lines().count(), c.err());
    assertFalse(Files.exists(runs), "no run directory");
  }

  @Test
  void aReportThatCannotBeBuiltFailsTheCommandAfterTheRuns() throws Exception {
    Path runs = tmp.resolve("runs");
    Path config =
        file(
            "tiny.yaml",
            SWEEP + "report:\n  tables: [{name: t, from: summary, select: [results.nothing]}]\n");
    CommandRun r =
        CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertEquals(1, r.code(), r.err());
    assertTrue(
        r.err().contains("report not written") && r.err().contains("results.nothing"), r.err());
    assertEquals(2, r.out().lines().count(), "both runs were made: " + r.out());
    assertFalse(Files.exists(runs.resolve("reports")), "no half-made report directory");
  }
}
