package org.mnist1d.workbench.report;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * A computed report: its title, the runs it read, tables, charts and images (PNG figures the runs
 * drew themselves), ready to be written.
 */
public record Report(
    String title, int runs, List<Table> tables, List<NamedChart> charts, List<NamedImage> images) {
  /** A report without images. */
  public Report(String title, int runs, List<Table> tables, List<NamedChart> charts) {
    this(title, runs, tables, charts, List.of());
  }

  /** A chart with the file-safe name it is saved under. */
  public record NamedChart(String name, Chart<?, ?> chart) {}

  /** A PNG image with its title and the file name it came from. */
  public record NamedImage(String title, String fileName, byte[] png) {}
}
