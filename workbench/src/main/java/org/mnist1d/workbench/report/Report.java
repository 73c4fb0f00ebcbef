package org.mnist1d.workbench.report;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * A computed report: its title, the runs it read, tables (with notes by table name), charts and the
 * runs' own figures, ready to be written.
 */
public record Report(
    String title,
    int runs,
    List<Table> tables,
    List<NamedChart> charts,
    Map<String, String> notes,
    List<NamedImage> images) {

  /** A report of tables and charts only. */
  public Report(String title, int runs, List<Table> tables, List<NamedChart> charts) {
    this(title, runs, tables, charts, Map.of(), List.of());
  }

  /** A chart with the file-safe name it is saved under. */
  public record NamedChart(String name, Chart<?, ?> chart) {}

  /** Figures the runs drew themselves, shown side by side under one title. */
  public record NamedImage(String name, String title, List<Figure> figures) {}

  /** One run's figure: its caption, PNG bytes and, when the run wrote one, the SVG text. */
  public record Figure(String caption, byte[] png, String svg) {}
}
