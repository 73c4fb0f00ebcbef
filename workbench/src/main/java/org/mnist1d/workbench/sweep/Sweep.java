package org.mnist1d.workbench.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.config.ConfigLoader;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.Experiments;
import org.mnist1d.workbench.report.Comparison;
import org.mnist1d.workbench.report.Report;
import org.mnist1d.workbench.report.ReportWriter;
import org.mnist1d.workbench.report.SweepReport;
import org.mnist1d.workbench.run.DefaultReport;
import org.mnist1d.workbench.run.RunDirectory;
import org.mnist1d.workbench.run.Runner;
import org.mnist1d.workbench.run.SweepPoint;

/**
 * An experiment file read and checked whole (its sweep points and its {@code report:} section),
 * ready to run: the points (all, or a selection; here or in worker processes), then the sweep's
 * report over their runs. What {@code workbench run} does, and what a notebook calls to do the
 * same.
 *
 * <p>A sweep's id is a hash of every point's resolved config, in order: the same file with the same
 * overrides has the same id wherever and however it runs. Each run records the id and its point
 * index in summary.json; {@link SweepRuns} finds a point's run by its resolved config.
 */
public final class Sweep {
  private final Path file;
  private final List<String> overrides;
  private final List<ConfigLoader.Point> points;
  private final Optional<SweepReport> report;
  private final String id;

  private Sweep(
      Path file,
      List<String> overrides,
      List<ConfigLoader.Point> points,
      Optional<SweepReport> report) {
    this.file = file;
    this.overrides = List.copyOf(overrides);
    this.points = List.copyOf(points);
    this.report = report;
    this.id = idOf(this.points);
  }

  /**
   * Reads {@code file} with {@code overrides} ({@code path.to.key=VALUE}). Everything, the report
   * section included, is checked here, before any run directory is made. Two points with the same
   * resolved config (a value repeated in the grid or the seeds) are a user error: they would be one
   * run.
   */
  public static Sweep load(Path file, List<String> overrides) {
    ConfigLoader.ExperimentFile read = new ConfigLoader(Experiments.all()).read(file, overrides);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < read.points().size(); i++) {
      Integer before = seen.putIfAbsent(read.points().get(i).config().toYaml(), i);
      if (before != null) {
        throw new UserError(
            file
                + ": sweep: points "
                + before
                + " and "
                + i
                + " are the same run ("
                + describe(read.points().get(i).params())
                + "); a value is repeated in sweep.grid or sweep.seeds");
      }
    }
    return new Sweep(
        file, overrides, read.points(), read.report().map(r -> SweepReport.parse(r, file)));
  }

  /** The experiment file. */
  public Path file() {
    return file;
  }

  /** The {@code --set} overrides it was read with. */
  public List<String> overrides() {
    return overrides;
  }

  /** The sweep's points, in file order. */
  public List<ConfigLoader.Point> points() {
    return points;
  }

  /** The runs' common name (the config's {@code name}). */
  public String name() {
    return points.get(0).config().string("name");
  }

  /** The experiment its points run. */
  public Experiment experiment() {
    return Experiments.of(points.get(0).config());
  }

  /** The sweep's id: 12 hex digits of a SHA-256 over every point's resolved config. */
  public String id() {
    return id;
  }

  /** A point's parameters as {@code key=value} words ({@code model=cnn shuffle=true}). */
  public String describe(int index) {
    return describe(points.get(index).params());
  }

  private static String describe(Map<String, Object> params) {
    return params.isEmpty()
        ? "(no sweep parameters)"
        : params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }

  /**
   * The points to run, the points left alone (with why), and of those the ones whose run is done
   * (its directory).
   */
  public record Plan(
      List<PointTask> tasks, Map<Integer, String> skipped, Map<Integer, Path> done) {}

  /**
   * What running {@code selection} under {@code runsDir} means: a new run per point; or, with
   * {@code resume}, nothing for a point whose run is done (or still running), the resumption of its
   * run when that was interrupted or failed, and a new run when it has none.
   */
  public Plan plan(Path runsDir, PointSelection selection, boolean resume) {
    return plan(runsDir, selection, resume, RunRecord::mayBeAlive);
  }

  /**
   * As {@link #plan(Path, PointSelection, boolean)}, with {@code mayBeAlive} telling whether a run
   * that says running may still be written by its process (then it is left alone, not resumed).
   */
  public Plan plan(
      Path runsDir, PointSelection selection, boolean resume, Predicate<RunRecord> mayBeAlive) {
    List<PointTask> tasks = new ArrayList<>();
    Map<Integer, String> skipped = new LinkedHashMap<>();
    Map<Integer, Path> done = new LinkedHashMap<>();
    SweepRuns runs = resume ? SweepRuns.find(this, runsDir) : null;
    for (int i : selection.indices()) {
      Optional<RunRecord> run = resume ? runs.of(i) : Optional.empty();
      if (run.isEmpty()) {
        tasks.add(PointTask.start(i));
      } else if (run.get().done()) {
        skipped.put(i, "done: " + run.get().dir());
        done.put(i, run.get().dir());
      } else if (mayBeAlive.test(run.get())) {
        skipped.put(i, "still running: " + run.get().dir());
      } else {
        tasks.add(new PointTask(i, Optional.of(run.get().dir())));
      }
    }
    return new Plan(tasks, skipped, done);
  }

  /**
   * Writes the own report of every done run in {@code plan} that has none (a parallel sweep stopped
   * after the run ended but before its report was written, or a report that failed): a line per
   * such point, by index.
   */
  public Map<Integer, String> writeMissingReports(Plan plan) {
    Map<Integer, String> lines = new LinkedHashMap<>();
    plan.done()
        .forEach(
            (i, dir) -> {
              if (DefaultReport.isWritten(dir)) {
                return;
              }
              try {
                DefaultReport.write(dir)
                    .ifPresent(html -> lines.put(i, "its missing report written: " + html));
              } catch (RuntimeException | LinkageError e) {
                lines.put(i, DefaultReport.notWritten(dir, e));
              }
            });
    return lines;
  }

  /**
   * Runs one task with {@code runner}: a new run under {@code runsDir} (recording the sweep id and
   * point index in its summary.json) or the resumption of an existing one. Never throws for a
   * failing point: the outcome says what went wrong.
   */
  public PointOutcome runTask(PointTask task, Path runsDir, Runner runner) {
    Optional<Path> dir = task.resume();
    try {
      Runner.Outcome o =
          task.resume().isPresent()
              ? runner.resume(task.resume().get())
              : runner.start(
                  points.get(task.index()),
                  runsDir,
                  Optional.of(new SweepPoint(id, task.index(), points.size())));
      return new PointOutcome(task.index(), Optional.of(o.dir()), o.done(), o.error());
    } catch (UserError e) {
      return PointOutcome.failed(task.index(), dir, e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      return PointOutcome.failed(task.index(), dir, "I/O error: " + e.getMessage());
    } catch (RuntimeException e) {
      return PointOutcome.failed(
          task.index(), dir, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * What running the sweep gave: each task's outcome (in task order), the points left alone, and
   * the report's HTML file when the file has a report section and it could be built ({@code
   * reportError} says why not otherwise).
   */
  public record Result(
      List<PointOutcome> runs,
      Map<Integer, String> skipped,
      Optional<Path> report,
      Optional<String> reportError) {
    /** The points that did not end as done. */
    public List<PointOutcome> failed() {
      return runs.stream().filter(o -> !o.done()).toList();
    }
  }

  /**
   * Runs every point under {@code runsDir} with {@code runner}, one after another, then writes the
   * file's report over those runs to {@code runsDir/reports/NAME-TIME}.
   */
  public Result run(Path runsDir, Runner runner) {
    return run(
        runsDir,
        plan(runsDir, PointSelection.all(points.size()), false),
        new InProcess(runsDir, runner));
  }

  /**
   * Runs {@code plan}'s tasks with {@code executor}, then writes the file's report (if it has one)
   * to {@code runsDir/reports/NAME-TIME}: over the runs this call made or resumed and, for every
   * other point of the sweep, its run found in {@code runsDir}.
   */
  public Result run(Path runsDir, Plan plan, PointExecutor executor) {
    return run(runsDir, plan, executor, true);
  }

  /** As {@link #run(Path, Plan, PointExecutor)}; without the report unless {@code withReport}. */
  public Result run(Path runsDir, Plan plan, PointExecutor executor, boolean withReport) {
    List<PointOutcome> outcomes = executor.execute(this, plan.tasks());
    if (withReport && hasReport() && Thread.currentThread().isInterrupted()) {
      // stopped (a notebook's interrupt): no report is made of a partial sweep
      return new Result(
          outcomes,
          plan.skipped(),
          Optional.empty(),
          Optional.of(file + ": report not written: the sweep was interrupted"));
    }
    if (!withReport || !hasReport()) {
      return new Result(outcomes, plan.skipped(), Optional.empty(), Optional.empty());
    }
    Report built;
    try {
      built = buildReport(runsOf(runsDir, outcomes));
    } catch (UserError e) {
      return new Result(
          outcomes,
          plan.skipped(),
          Optional.empty(),
          Optional.of(file + ": report not written: " + e.getMessage()));
    }
    try {
      Path dir = RunDirectory.create(runsDir.resolve("reports"), name(), Map.of()).path();
      return new Result(
          outcomes, plan.skipped(), Optional.of(ReportWriter.write(built, dir)), Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the sweep has a report: the file's {@code report:} section, or, for a sweep of more
   * than one point without one, its runs side by side (params, results, a chart per metric).
   */
  public boolean hasReport() {
    return report.isPresent() || points.size() > 1;
  }

  /**
   * The run of every point, in point order: the outcome's directory for a point in {@code
   * outcomes}, else the point's run found in {@code runsDir} (points with neither are left out).
   */
  public List<Path> runsOf(Path runsDir, List<PointOutcome> outcomes) {
    Map<Integer, Path> made = new HashMap<>();
    outcomes.forEach(o -> o.dir().ifPresent(d -> made.put(o.index(), d)));
    SweepRuns found = made.size() == points.size() ? null : SweepRuns.find(this, runsDir);
    List<Path> runs = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Path d = made.get(i);
      if (d == null) {
        d = found.of(i).map(RunRecord::dir).orElse(null);
      }
      if (d != null) {
        runs.add(d);
      }
    }
    return runs;
  }

  /**
   * The sweep's report over {@code runs}: the file's report section, else the runs side by side. A
   * report that cannot be built (no runs, a column the runs lack) is a {@link UserError}.
   */
  public Report buildReport(List<Path> runs) {
    if (runs.isEmpty()) {
      throw new UserError("no runs of this sweep to report on");
    }
    return report.isPresent() ? report.get().over(runs) : Comparison.of(runs);
  }

  /** A runner that prints nothing (notebooks, tests): no progress, no notes. */
  public static Runner quietRunner() {
    return new Runner(false, new PrintStream(PrintStream.nullOutputStream()), dir -> {});
  }

  private static String idOf(List<ConfigLoader.Point> points) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (ConfigLoader.Point p : points) {
        sha.update(p.config().toYaml().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
