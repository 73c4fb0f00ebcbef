package org.mnist1d.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.report.ReportWriter;
import org.mnist1d.workbench.report.RunTables;
import org.mnist1d.workbench.run.Experiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench report REPORT.yaml | RUN_DIR...}: HTML, Markdown and CSV from run directories. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Build a report (report.html, report.md, a CSV per table, PNG charts).",
        "REPORT.yaml: a report file (globs relative to the current directory).",
        "RUN_DIR: one run gets its experiment's default report in RUN_DIR/report;",
        "several runs get a comparison of their results and metric curves."})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "REPORT.yaml|RUN_DIR")
  List<Path> targets;

  @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: runs/reports/<name>, or RUN_DIR/report)")
  Path out;

  @Override
  public Integer call() {
    Path first = targets.get(0);
    String name = first.getFileName().toString();
    Path html;
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      if (targets.size() > 1) {
        throw new UserError("report: give one REPORT.yaml, or run directories, not both");
      }
      Path dir = out != null ? out : Path.of("runs", "reports", name.replaceFirst("\\.ya?ml$", ""));
      html = ReportWriter.fromFile(first, Path.of("."), dir);
    } else {
      for (Path t : targets) {
        if (!Files.isRegularFile(t.resolve("summary.json"))) {
          throw new UserError("report: " + t + ": not a run directory (no summary.json) and not a .yaml report file");
        }
      }
      if (targets.size() == 1) {
        String experiment = String.valueOf(RunTables.summary(first).get("experiment"));
        String spec = Experiments.named(experiment).flatMap(e -> e.defaultReport())
            .orElseThrow(() -> new UserError("report: " + first + ": experiment '" + experiment + "' has no default report"));
        html = out == null ? ReportWriter.forRun(spec, first) : ReportWriter.write(
            org.mnist1d.workbench.report.ReportBuilder.build(
                org.mnist1d.workbench.report.ReportSpec.parse(org.mnist1d.workbench.config.YamlReader.parse("default report",
                    new java.io.StringReader(spec))), first), out);
      } else {
        Path dir = out != null ? out : Path.of("runs", "reports",
            "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        html = ReportWriter.write(org.mnist1d.workbench.report.Comparison.of(targets), dir);
      }
    }
    System.out.println(html);
    return 0;
  }
}
