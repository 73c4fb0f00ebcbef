package org.mnist1d.workbench.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mnist1d.Mnist1dData;

/**
 * MNIST-1D signals drawn as in the paper's figures: one panel per signal, in a row, the signal's
 * value across and its time axis downwards (so a signal reads like a handwritten stroke), a black
 * line, no ticks, "label=k" above. The reference draws its templates figure and examples figure
 * this way ({@code mnist1d.utils.plot_signals}).
 */
public final class Signals {
  private Signals() {}

  /** Width of one panel in pixels. */
  public static final int PANEL_WIDTH = 90;

  /** Height of one panel: the reference's aspect ratio of 2.6. */
  public static final int PANEL_HEIGHT = 234;

  /**
   * The first {@code count} training examples of {@code data}, one panel each.
   *
   * @param count how many examples (the paper shows 10)
   */
  public static BufferedImage examples(Mnist1dData data, int count) {
    int n = Math.min(count, data.x().length);
    double[][] xs = Arrays.copyOf(data.x(), n);
    double[][] ts = new double[n][];
    Arrays.fill(ts, data.t());
    return signals(xs, ts, Arrays.copyOf(data.y(), n));
  }

  /** Templates (one row per digit, all on the time axis {@code t}), labelled 0, 1, 2, ... */
  public static BufferedImage templates(double[][] templates, double[] t) {
    double[][] ts = new double[templates.length][];
    Arrays.fill(ts, t);
    int[] labels = new int[templates.length];
    Arrays.setAll(labels, i -> i);
    return signals(templates, ts, labels);
  }

  /**
   * Signals side by side, each against its own time axis, on common limits: the largest absolute
   * value and time over all panels, with a 10% margin (the reference fixes a zoom by hand).
   */
  public static BufferedImage signals(double[][] xs, double[][] ts, int[] labels) {
    return signals(xs, ts, labels, 1.1 * maxAbs(xs), 1.1 * maxAbs(ts));
  }

  /**
   * Signals side by side on given limits: values across in [-xZoom, xZoom], time down in [-tZoom,
   * tZoom] (so that several figures, frames of an animation, share one scale).
   */
  public static BufferedImage signals(
      double[][] xs, double[][] ts, int[] labels, double xZoom, double tZoom) {
    if (xs.length != ts.length || xs.length != labels.length) {
      throw new IllegalArgumentException(
          "signals, time axes and labels differ in number: "
              + xs.length
              + ", "
              + ts.length
              + ", "
              + labels.length);
    }
    BufferedImage out =
        new BufferedImage(
            Math.max(1, xs.length) * PANEL_WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      for (int i = 0; i < xs.length; i++) {
        g.drawImage(
            BitmapEncoder.getBufferedImage(panel(xs[i], ts[i], labels[i], xZoom, tZoom)),
            i * PANEL_WIDTH,
            0,
            null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * One panel: value across, time downwards (plotted as -t, as the reference inverts its y axis).
   */
  static XYChart panel(double[] x, double[] t, int label, double xZoom, double tZoom) {
    if (x.length != t.length) {
      throw new IllegalArgumentException(
          "a signal of length " + x.length + " on a time axis of length " + t.length);
    }
    XYChart c =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title("label=" + label)
            .build();
    var s = c.getStyler();
    s.setLegendVisible(false);
    s.setAxisTicksVisible(false);
    s.setPlotGridLinesVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setChartPadding(2);
    s.setChartTitleFont(new java.awt.Font(FigureStyle.FAMILY, java.awt.Font.PLAIN, 13));
    s.setChartFontColor(FigureStyle.INK);
    s.setXAxisMin(-xZoom);
    s.setXAxisMax(xZoom);
    s.setYAxisMin(-tZoom);
    s.setYAxisMax(tZoom);
    double[] down = Arrays.stream(t).map(v -> -v).toArray();
    XYSeries series = c.addSeries("signal", x, down);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(Color.BLACK);
    series.setLineWidth(2f);
    return c;
  }

  /** The largest absolute value in {@code rows} (1 when all are zero). */
  public static double maxAbs(double[][] rows) {
    double m = 0;
    for (double[] r : rows) {
      for (double v : r) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m == 0 ? 1 : m;
  }
}
