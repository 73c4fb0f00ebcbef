package org.mnist1d.workbench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.config.ConfigLoader;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.Experiments;
import org.mnist1d.workbench.report.ReportWriter;
import org.mnist1d.workbench.report.RunTables;

/**
 * A finished run's own report ({@code RUN_DIR/report}), as its experiment describes it. Written by
 * the process that ran the run, or for a sweep run by {@code --jobs N} workers by the sweep's
 * parent process, so that the workers only train (the report code is then compiled once, not once
 * per worker).
 */
public final class DefaultReport {
  private DefaultReport() {}

  /** The report spec (YAML) of the run in {@code runDir}, read from its summary and config. */
  public static Optional<String> spec(Path runDir) {
    Object name = RunTables.summary(runDir).get("experiment");
    Experiment experiment =
        Experiments.named(String.valueOf(name))
            .orElseThrow(
                () -> new UserError(runDir + ": summary.json names no known experiment: " + name));
    Config config =
        new ConfigLoader(Experiments.all()).loadResolved(runDir.resolve(RunDirectory.CONFIG));
    return experiment.defaultReport(config);
  }

  /** Writes the report of the run in {@code runDir}; empty if its experiment has none. */
  public static Optional<Path> write(Path runDir) {
    return spec(runDir).map(s -> ReportWriter.forRun(s, runDir));
  }

  /** Whether the run in {@code runDir} has its report already. */
  public static boolean isWritten(Path runDir) {
    return Files.exists(runDir.resolve("report").resolve("report.html"));
  }

  /**
   * The one-line warning for a report that could not be written: a report is derived output, so its
   * failure never fails the run.
   */
  public static String notWritten(Path runDir, Throwable e) {
    return "warning: " + runDir + ": default report not written (" + e.getMessage() + ")";
  }
}
