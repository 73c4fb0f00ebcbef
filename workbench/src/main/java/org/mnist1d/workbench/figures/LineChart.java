package org.mnist1d.workbench.figures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of named (x, y) series in the workbench's {@link FigureStyle}, saved as PNG and SVG,
 * headless (the experiments' own figures). A series may carry a spread drawn as error bars (e.g.
 * mean ± SEM over trials), be dashed (a reference level) or be markers only (published values
 * beside measured curves).
 */
public final class LineChart {
  private LineChart() {}

  /** Width of a saved chart in pixels. */
  public static final int WIDTH = 720;

  /** Height of a saved chart in pixels. */
  public static final int HEIGHT = 440;

  /** How a series is drawn. */
  enum Style {
    LINE,
    DASHED,
    POINTS
  }

  record Series(double[] x, double[] y, double[] err, Style style, java.awt.Color color) {
    Series colored(java.awt.Color c) {
      return new Series(x, y, err, style, c);
    }
  }

  /** Named series of (x, y) points, and the chart's axis options. */
  public static final class Lines {
    final Map<String, Series> series = new LinkedHashMap<>();
    boolean logY;
    Double yMin;
    Double yMax;

    /** Adds the series {@code name}; returns this for chaining. */
    public Lines add(String name, double[] x, double[] y) {
      series.put(name, new Series(x, y, null, Style.LINE, null));
      return this;
    }

    /** Adds a line with a spread {@code err} drawn as error bars (y - err to y + err). */
    public Lines add(String name, double[] x, double[] y, double[] err) {
      series.put(name, new Series(x, y, err, Style.LINE, null));
      return this;
    }

    /** Adds a dashed line (a reference level such as the dense network). */
    public Lines dashed(String name, double[] x, double[] y) {
      series.put(name, new Series(x, y, null, Style.DASHED, null));
      return this;
    }

    /** Adds markers without a line (e.g. published values). */
    public Lines points(String name, double[] x, double[] y) {
      series.put(name, new Series(x, y, null, Style.POINTS, null));
      return this;
    }

    /**
     * Draws the series {@code name} (added before) in {@code color}, e.g. to give measured and
     * published values of one quantity the same colour.
     */
    public Lines color(String name, java.awt.Color color) {
      Series s = series.get(name);
      if (s == null) {
        throw new IllegalArgumentException("no series '" + name + "' to colour");
      }
      series.put(name, s.colored(color));
      return this;
    }

    /** A logarithmic y axis. */
    public Lines logY() {
      this.logY = true;
      return this;
    }

    /** Fixed y limits. */
    public Lines yRange(double min, double max) {
      this.yMin = min;
      this.yMax = max;
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

  /**
   * The styled chart {@link #save} writes, its legend placed where it hides no line; also a panel
   * for {@link Panels}.
   */
  public static XYChart chart(String title, String xTitle, String yTitle, Lines lines) {
    XYChart chart = FigureStyle.xyChart(WIDTH, HEIGHT, title, xTitle, yTitle);
    FigureStyle.logarithmic(chart.getStyler(), false, lines.logY);
    chart.getStyler().setYAxisDecimalPattern("#.##");
    if (lines.yMin != null) {
      chart.getStyler().setYAxisMin(lines.yMin);
      chart.getStyler().setYAxisMax(lines.yMax);
    }
    for (Map.Entry<String, Series> e : lines.series.entrySet()) {
      Series v = e.getValue();
      XYSeries s =
          v.err() == null
              ? chart.addSeries(e.getKey(), v.x(), v.y())
              : chart.addSeries(e.getKey(), v.x(), v.y(), v.err());
      if (v.color() != null) {
        s.setLineColor(v.color());
        s.setMarkerColor(v.color());
      }
      switch (v.style()) {
        case LINE -> s.setMarker(SeriesMarkers.NONE);
        case DASHED -> {
          s.setMarker(SeriesMarkers.NONE);
          s.setLineStyle(SeriesLines.DASH_DASH);
        }
        case POINTS -> {
          s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          s.setMarker(SeriesMarkers.CIRCLE);
        }
      }
    }
    if (lines.series.values().stream().anyMatch(v -> v.err() != null)) {
      chart.getStyler().setErrorBarsColorSeriesColor(true);
    }
    FigureStyle.placeLegend(chart);
    return chart;
  }
}
