package org.mnist1d.workbench.report;

import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mnist1d.workbench.figures.ChartImages;
import org.mnist1d.workbench.figures.PanelFigure;
import tech.tablesaw.api.Table;

/** A computed report: its title, the runs it read, tables and charts, ready to be written. */
public record Report(String title, int runs, List<Table> tables, List<NamedChart> charts) {
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

    /** The whole figure as an image. */
    public BufferedImage image() {
      if (panels.size() == 1 && legend.isEmpty()) {
        return BitmapEncoder.getBufferedImage(panels.get(0));
      }
      return PanelFigure.draw(
          title, panels.stream().map(p -> (XYChart) p).toList(), columns, legend);
    }

    /** The figure as PNG bytes. */
    public byte[] png() {
      return ChartImages.png(image());
    }
  }
}
