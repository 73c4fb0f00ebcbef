package org.mnist1d.workbench.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.config.ConfigLoader;
import org.mnist1d.workbench.experiment.Experiments;
import org.mnist1d.workbench.report.Report;
import org.mnist1d.workbench.report.ReportWriter;
import org.mnist1d.workbench.report.SweepReport;
import org.mnist1d.workbench.run.RunDirectory;
import org.mnist1d.workbench.run.Runner;

/**
 * An experiment file read and checked whole (its sweep points and its {@code report:} section),
 * ready to run: every point, then the report over the runs it made. What {@code workbench run}
 * does, and what a notebook calls to do the same.
 */
public final class Sweep {
  private final Path file;
  private final List<ConfigLoader.Point> points;
  private final Optional<SweepReport> report;

  private Sweep(Path file, List<ConfigLoader.Point> points, Optional<SweepReport> report) {
    this.file = file;
    this.points = List.copyOf(points);
    this.report = report;
  }

  /**
   * Reads {@code file} with {@code overrides} ({@code path.to.key=VALUE}). Everything, the report
   * section included, is checked here, before any run directory is made.
   */
  public static Sweep load(Path file, List<String> overrides) {
    ConfigLoader.ExperimentFile read = new ConfigLoader(Experiments.all()).read(file, overrides);
    return new Sweep(file, read.points(), read.report().map(r -> SweepReport.parse(r, file)));
  }

  /** The sweep's points, in file order. */
  public List<ConfigLoader.Point> points() {
    return points;
  }

  /** The runs' common name (the config's {@code name}). */
  public String name() {
    return points.get(0).config().string("name");
  }

  /**
   * What running the sweep gave: each point's outcome, and the report's HTML file when the file has
   * a report section and it could be built ({@code reportError} says why not otherwise).
   */
  public record Result(
      List<Runner.Outcome> runs, Optional<Path> report, Optional<String> reportError) {
    /** The runs that did not end as done. */
    public List<Runner.Outcome> failed() {
      return runs.stream().filter(o -> !o.done()).toList();
    }
  }

  /**
   * Runs every point under {@code runsDir} with {@code runner}, one after another, then writes the
   * file's report over those runs to {@code runsDir/reports/NAME-TIME}.
   */
  public Result run(Path runsDir, Runner runner) throws IOException {
    List<Runner.Outcome> outcomes = new ArrayList<>();
    for (ConfigLoader.Point p : points) {
      outcomes.add(runner.start(p, runsDir));
      if (Thread.currentThread().isInterrupted()) {
        // stopped: the remaining points do not start, and no report is made of a partial sweep
        return new Result(
            outcomes,
            Optional.empty(),
            report.map(r -> file + ": report not written: the sweep was interrupted"));
      }
    }
    if (report.isEmpty()) {
      return new Result(outcomes, Optional.empty(), Optional.empty());
    }
    Report built;
    try {
      built = report.get().over(outcomes.stream().map(Runner.Outcome::dir).toList());
    } catch (UserError e) {
      return new Result(
          outcomes,
          Optional.empty(),
          Optional.of(file + ": report not written: " + e.getMessage()));
    }
    Path dir = RunDirectory.create(runsDir.resolve("reports"), name(), Map.of()).path();
    return new Result(outcomes, Optional.of(ReportWriter.write(built, dir)), Optional.empty());
  }

  /** A runner that prints nothing (notebooks, tests): no progress, no notes. */
  public static Runner quietRunner() {
    return new Runner(false, new PrintStream(PrintStream.nullOutputStream()), dir -> {});
  }
}
