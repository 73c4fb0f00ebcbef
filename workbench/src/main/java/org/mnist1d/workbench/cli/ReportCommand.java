package org.mnist1d.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.config.ConfigLoader;
import org.mnist1d.workbench.config.ConfigNode;
import org.mnist1d.workbench.config.YamlReader;
import org.mnist1d.workbench.experiment.Experiments;
import org.mnist1d.workbench.report.Comparison;
import org.mnist1d.workbench.report.Report;
import org.mnist1d.workbench.report.ReportBuilder;
import org.mnist1d.workbench.report.ReportSpec;
import org.mnist1d.workbench.report.ReportWriter;
import org.mnist1d.workbench.report.RunTables;
import org.mnist1d.workbench.report.SweepReport;
import org.mnist1d.workbench.run.DefaultReport;
import org.mnist1d.workbench.run.RunDirectory;
import org.mnist1d.workbench.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench report REPORT.yaml | CONFIG.yaml | RUN_DIR...}: HTML, Markdown and CSV from run
 * directories.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Build a report (report.html, report.md, a CSV per table, PNG charts).",
      "REPORT.yaml: a report file (globs relative to the current directory).",
      "CONFIG.yaml: an experiment file's report: section, over every run of that name in --runs-dir.",
      "RUN_DIR: one run gets its experiment's default report in RUN_DIR/report;",
      "several runs get a comparison of their results and metric curves."
    })
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "REPORT.yaml|CONFIG.yaml|RUN_DIR")
  List<Path> targets;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output directory (default: runs/reports/<name>, or RUN_DIR/report)")
  Path out;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "where an experiment file's runs are (default: ${DEFAULT-VALUE})")
  Path runsDir;

  @Option(
      names = "--sweep",
      description = {
        "with CONFIG.yaml: the sweep's report over its runs only (one per point: the newest done",
        "run of each point's resolved config) in RUNS_DIR/reports/<name>-<time> (what a Slurm",
        "sweep's report job writes)"
      })
  boolean sweep;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "with --sweep: the overrides the sweep was run with")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Path first = targets.get(0);
    if (sweep || !overrides.isEmpty()) {
      if (targets.size() != 1 || !(name(first).endsWith(".yaml") || name(first).endsWith(".yml"))) {
        throw new UserError("report: --sweep and --set take one experiment file (CONFIG.yaml)");
      }
      return sweepReport(first);
    }
    String name = first.getFileName().toString();
    Path html;
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      if (targets.size() > 1) {
        throw new UserError("report: give one .yaml file, or run directories, not both");
      }
      ConfigNode root = YamlReader.read(first);
      if (root.isMap() && root.map().containsKey("experiment")) {
        html = fromExperimentFile(first);
      } else {
        Path dir =
            out != null ? out : Path.of("runs", "reports", name.replaceFirst("\\.ya?ml$", ""));
        html = ReportWriter.write(ReportBuilder.build(ReportSpec.parse(root), Path.of(".")), dir);
      }
    } else {
      for (Path t : targets) {
        if (!Files.isRegularFile(t.resolve("summary.json"))) {
          throw new UserError(
              "report: " + t + ": not a run directory (no summary.json) and not a .yaml file");
        }
      }
      if (targets.size() == 1) {
        html = defaultReport(first);
      } else {
        Path dir =
            out != null
                ? out
                : Path.of(
                    "runs",
                    "reports",
                    "compare-"
                        + LocalDateTime.now()
                            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        html = ReportWriter.write(Comparison.of(targets), dir);
      }
    }
    System.out.println(html);
    return 0;
  }

  /**
   * The report: section of an experiment file, over all its runs (by the config's name) in
   * --runs-dir.
   */
  private Path fromExperimentFile(Path file) {
    ConfigLoader.ExperimentFile experiment =
        new ConfigLoader(Experiments.all()).read(file, List.of());
    SweepReport report =
        experiment
            .report()
            .map(r -> SweepReport.parse(r, file))
            .orElseThrow(
                () ->
                    new UserError(
                        "report: " + file + ": an experiment file without a report: section"));
    String runName = experiment.points().get(0).config().string("name");
    Path dir = out != null ? out : runsDir.resolve("reports").resolve(runName);
    return ReportWriter.write(report.over(runsDir, RunDirectory.globFor(runName)), dir);
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  /** The sweep's report over the runs of its points found in --runs-dir. */
  private int sweepReport(Path file) throws IOException {
    Sweep s = Sweep.load(file, overrides);
    if (!s.hasReport()) {
      System.err.println(
          "report: "
              + file
              + ": one point and no report: section; its run has its own report (RUN_DIR/report)");
      return 0;
    }
    Report built = s.buildReport(s.runsOf(runsDir, List.of()));
    Path dir =
        out != null
            ? out
            : RunDirectory.create(runsDir.resolve("reports"), s.name(), Map.of()).path();
    System.out.println(ReportWriter.write(built, dir));
    return 0;
  }

  /** One run's experiment default report, in RUN_DIR/report or --out. */
  private Path defaultReport(Path run) {
    String spec =
        DefaultReport.spec(run)
            .orElseThrow(
                () ->
                    new UserError(
                        "report: "
                            + run
                            + ": experiment '"
                            + RunTables.summary(run).get("experiment")
                            + "' has no default report"));
    return out == null ? ReportWriter.forRun(spec, run) : ReportWriter.forRun(spec, run, out);
  }
}
