package org.mnist1d.workbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mnist1d.workbench.config.ConfigNode;
import org.mnist1d.workbench.config.YamlReader;
import org.mnist1d.workbench.experiment.ConfigError;

/**
 * The {@code report:} section of an experiment file: one report over all the runs of its sweep.
 * Written inline (title, tables, charts; its runs are the sweep's, so no {@code sources}) or as the
 * path of a report file relative to the experiment file, whose {@code sources} are then replaced by
 * the sweep's runs.
 */
public record SweepReport(ReportSpec spec) {
  /** Reads and checks the section of {@code experimentFile}; mistakes name file:line:column. */
  public static SweepReport parse(ConfigNode section, Path experimentFile) {
    if (section.isMap()) {
      ConfigNode sources = section.map().get("sources");
      if (sources != null) {
        throw new ConfigError(
            sources.keyLocation(),
            "report.sources",
            "not allowed in an experiment's report: it covers the runs this file makes (use a report file for other runs)");
      }
      try {
        return new SweepReport(ReportSpec.parse(section, false));
      } catch (ConfigError e) {
        throw e.under("report");
      }
    }
    Path dir = experimentFile.toAbsolutePath().getParent();
    Path file = dir.resolve(String.valueOf(section.value())).normalize();
    if (!Files.isRegularFile(file)) {
      throw new ConfigError(
          section.location(),
          "report",
          "no report file "
              + file
              + " (a path relative to "
              + experimentFile.getFileName()
              + "'s folder, or a section with title, tables and charts)");
    }
    return new SweepReport(ReportSpec.parse(YamlReader.read(file)));
  }

  /** The report over {@code runs} (run directories). */
  public Report over(List<Path> runs) {
    List<String> dirs = runs.stream().map(p -> p.toAbsolutePath().toString()).toList();
    return ReportBuilder.build(spec.over(dirs), Path.of("."));
  }

  /** The report over the runs under {@code runsRoot} that match {@code glob}. */
  public Report over(Path runsRoot, String glob) {
    return ReportBuilder.build(spec.over(List.of(glob)), runsRoot);
  }
}
