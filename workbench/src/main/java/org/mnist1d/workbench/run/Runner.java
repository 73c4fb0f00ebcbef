package org.mnist1d.workbench.run;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.config.ConfigLoader;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.Experiments;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.nn.Devices;
import org.mnist1d.workbench.report.ReportWriter;

/**
 * Runs one configured point in a fresh run directory, or resumes an interrupted one: writes the
 * resolved config and environment, keeps summary.json's status true at every moment, and writes the
 * experiment's default report at the end (unless {@link #withoutReport}).
 */
public final class Runner {
  private final BiFunction<String, Long, Progress> progress;
  private final PrintStream log;
  private final Consumer<Path> created;
  private final boolean writesReport;

  /**
   * A runner; {@code log} receives one-line notes (e.g. a report that could not be written), {@code
   * created} each run directory as soon as it exists. Progress goes to stderr when {@code
   * showProgress}.
   */
  public Runner(boolean showProgress, PrintStream log, Consumer<Path> created) {
    this(showProgress ? Progress::start : (label, total) -> Progress.silent(total), log, created);
  }

  /** A runner whose experiments report progress through {@code progress} (label, total). */
  public Runner(
      BiFunction<String, Long, Progress> progress, PrintStream log, Consumer<Path> created) {
    this(progress, log, created, true);
  }

  private Runner(
      BiFunction<String, Long, Progress> progress,
      PrintStream log,
      Consumer<Path> created,
      boolean writesReport) {
    this.progress = progress;
    this.log = log;
    this.created = created;
    this.writesReport = writesReport;
  }

  /**
   * This runner, leaving a finished run's default report to the caller ({@link DefaultReport}): a
   * sweep's workers leave it to the sweep's parent process.
   */
  public Runner withoutReport() {
    return new Runner(progress, log, created, false);
  }

  /** The outcome of one run. */
  public record Outcome(Path dir, boolean done, String error) {}

  /** Starts a new run of {@code point} under {@code runsRoot}. */
  public Outcome start(ConfigLoader.Point point, Path runsRoot) throws IOException {
    return start(point, runsRoot, Optional.empty());
  }

  /**
   * Starts a new run of {@code point} under {@code runsRoot}; {@code place} (its sweep and index)
   * goes into summary.json so that status, resume and reports find the run again.
   */
  public Outcome start(ConfigLoader.Point point, Path runsRoot, Optional<SweepPoint> place)
      throws IOException {
    Config config = point.config();
    Experiment experiment = Experiments.of(config);
    Device device = device(config);
    RunDirectory dir = RunDirectory.create(runsRoot, config.string("name"), point.params());
    created.accept(dir.path());
    dir.writeText(RunDirectory.CONFIG, config.toYaml());
    Map<String, Object> env = Environment.describe(device, config.device());
    dir.writeJson(RunDirectory.ENV, env);
    Summary summary =
        new Summary(
            dir,
            experiment.name(),
            config.string("name"),
            point.params(),
            String.valueOf(env.get("started")));
    place.ifPresent(summary::sweep);
    summary.process(Environment.process());
    summary.write();
    return execute(
        experiment,
        new RunDirectoryContext(
            dir, config, point.params(), device, summary, Optional.empty(), progress),
        summary,
        dir);
  }

  /** Continues the run in {@code runDir} from its last checkpoint (or from the start). */
  public Outcome resume(Path runDir) throws IOException {
    RunDirectory dir = RunDirectory.existing(runDir);
    Config config = new ConfigLoader(Experiments.all()).loadResolved(dir.file(RunDirectory.CONFIG));
    JsonNode old = dir.readJson(RunDirectory.SUMMARY);
    if ("done".equals(old.path("status").asText())) {
      throw new UserError(runDir + ": run is already done; nothing to resume");
    }
    Experiment experiment = Experiments.of(config);
    Device device = device(config);
    @SuppressWarnings("unchecked")
    Map<String, Object> previous = RunDirectory.JSON.convertValue(old, Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> params =
        previous.get("params") instanceof Map<?, ?> p
            ? (Map<String, Object>) p
            : new LinkedHashMap<>();
    Summary summary = new Summary(dir, experiment.name(), config.string("name"), params, null);
    summary.restore(previous);
    summary.process(Environment.process());
    summary.status("running", null);
    Optional<Checkpoint> checkpoint = dir.loadCheckpoint();
    return execute(
        experiment,
        new RunDirectoryContext(dir, config, params, device, summary, checkpoint, progress),
        summary,
        dir);
  }

  private Outcome execute(
      Experiment experiment, RunDirectoryContext ctx, Summary summary, RunDirectory dir)
      throws IOException {
    String error = null;
    // Ctrl-C or a TERM signal: summary.json says so (a SIGKILL leaves "running"; both resume
    // alike).
    String resume = "workbench run --resume " + dir.path();
    Thread interrupted =
        new Thread(
            () -> {
              if (summary.failIfRunning(
                  "interrupted (SIGINT/SIGTERM) before it finished; continue with: " + resume)) {
                log.println("interrupted: " + dir.path() + " (continue with: " + resume + ")");
              }
            });
    Runtime.getRuntime().addShutdownHook(interrupted);
    boolean threadInterrupted;
    try {
      experiment.run(ctx);
    } catch (RunFailure f) {
      error = f.getMessage();
    } catch (UserError e) {
      error = e.getMessage();
    } catch (InterruptedException e) {
      // a stop noticed by the experiment itself (Thread.interrupted() clears the flag): set it
      // again, so that the run is reported as interrupted below, as any other stop is
      Thread.currentThread().interrupt();
    } catch (Exception | OutOfMemoryError e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      // A thread interrupt (a notebook's stop, a caller's Thread.interrupt) ends the run as Ctrl-C
      // does. The flag is cleared while the run's files are closed and its status written (an
      // interrupted thread cannot write through a file channel), then set again for the caller.
      threadInterrupted = Thread.interrupted();
      ctx.closeMetrics();
    }
    if (threadInterrupted) {
      error = "interrupted before it finished; continue with: " + resume;
    }
    summary.status(error == null ? "done" : "failed", error);
    try {
      Runtime.getRuntime().removeShutdownHook(interrupted);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds the status settled
    }
    if (error == null && writesReport) {
      Optional<String> report = experiment.defaultReport(ctx.config());
      if (report.isPresent()) {
        try {
          ReportWriter.forRun(report.get(), dir.path());
        } catch (RuntimeException e) {
          log.println(DefaultReport.notWritten(dir.path(), e));
        }
      }
    }
    if (threadInterrupted) {
      Thread.currentThread().interrupt();
    }
    return new Outcome(dir.path(), error == null, error);
  }

  private static Device device(Config config) {
    try {
      return Devices.resolve(config.device());
    } catch (IllegalArgumentException e) {
      throw config.error("device", e.getMessage().replaceFirst("^device: ", ""));
    }
  }
}
