package org.mnist1d.workbench.report;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mnist1d.workbench.figures.ChartImages;
import org.mnist1d.workbench.figures.PanelFigure;
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

  /**
   * A chart with the file-safe name it is saved under: one XChart chart, or several panels drawn as
   * one figure with a shared legend.
   */
  public record NamedChart(
      String name,
      String title,
      List<Chart<?, ?>> panels,
      int columns,
      List<PanelFigure.Entry> legend) {

    /** A single chart. */
    public NamedChart(String name, Chart<?, ?> chart) {
      this(name, chart.getTitle(), List.of(chart), 1, List.of());
    }

    /** The chart (the first panel of a figure with several). */
    public Chart<?, ?> chart() {
      return panels.get(0);
    }

    /** Whether this is one chart (not a figure of panels). */
    public boolean single() {
      return panels.size() == 1 && legend.isEmpty();
    }

    /** The whole figure as an image. */
    public BufferedImage image() {
      if (single()) {
        return ChartImages.image(panels.get(0));
      }
      return PanelFigure.draw(
          title, panels.stream().map(p -> (XYChart) p).toList(), columns, legend);
    }

    /** The figure as PNG bytes. */
    public byte[] png() {
      return single() ? ChartImages.png(panels.get(0)) : ChartImages.png(image());
    }

    /** The chart, or the figure of panels, as SVG text. */
    public String svg() {
      return single()
          ? ChartImages.svg(panels.get(0))
          : PanelFigure.svg(title, panels.stream().map(p -> (XYChart) p).toList(), columns, legend);
    }
  }

  /** Figures the runs drew themselves, shown side by side under one title. */
  public record NamedImage(String name, String title, List<Figure> figures) {}

  /** One run's figure: its caption, PNG bytes and, when the run wrote one, the SVG text. */
  public record Figure(String caption, byte[] png, String svg) {}
}
