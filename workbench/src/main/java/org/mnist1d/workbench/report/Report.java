package org.mnist1d.workbench.report;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/** A computed report: its title, the runs it read, tables and charts, ready to be written. */
public record Report(String title, int runs, List<Table> tables, List<NamedChart> charts) {
  /** A chart with the file-safe name it is saved under. */
  public record NamedChart(String name, Chart<?, ?> chart) {}
}
