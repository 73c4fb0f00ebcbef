package org.mnist1d.workbench.figures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of named (x, y) series in the workbench's {@link FigureStyle}, saved as PNG and SVG,
 * headless (the experiments' own figures).
 */
public final class LineChart {
  private LineChart() {}

  /** Width of a saved chart in pixels. */
  public static final int WIDTH = 720;

  /** Height of a saved chart in pixels. */
  public static final int HEIGHT = 440;

  /** Named series of (x, y) points. */
  public static final class Lines {
    final Map<String, double[][]> series = new LinkedHashMap<>();

    /** Adds the series {@code name}; returns this for chaining. */
    public Lines add(String name, double[] x, double[] y) {
      series.put(name, new double[][] {x, y});
      return this;
    }
  }

  /**
   * Saves a line chart of {@code lines} to {@code file} (a .png path) and the same chart as SVG
   * beside it. Axis titles should name the quantity and its unit ("training step", "accuracy (%)").
   */
  public static void save(Path file, String title, String xTitle, String yTitle, Lines lines) {
    ChartImages.save(file, chart(title, xTitle, yTitle, lines));
  }

  /** The styled chart {@link #save} writes, its legend placed where it hides no line. */
  public static XYChart chart(String title, String xTitle, String yTitle, Lines lines) {
    XYChart chart = FigureStyle.xyChart(WIDTH, HEIGHT, title, xTitle, yTitle);
    chart.getStyler().setXAxisDecimalPattern("#.##");
    for (Map.Entry<String, double[][]> e : lines.series.entrySet()) {
      XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
      s.setMarker(SeriesMarkers.NONE);
    }
    FigureStyle.placeLegend(chart);
    return chart;
  }
}
