package org.mnist1d.workbench.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The one look of every chart the workbench draws (reports, experiment figures, notebooks), after
 * the paper's matplotlib style: white background, left and bottom axis lines only, a light grid,
 * DejaVu Sans (matplotlib's default font) at sizes that stay readable when a figure is shrunk to
 * half width, matplotlib's default colour cycle ({@link #TAB10}) for series and the paper's ten
 * t-SNE colours ({@link #CLASS_COLORS}) for digit classes, and frameless legends placed where they
 * hide no data ({@link #placeLegend}).
 *
 * <pre>
 * XYChart c = FigureStyle.xyChart(720, 420, "Test accuracy", "training step", "accuracy (%)");
 * c.addSeries(...);
 * FigureStyle.placeLegend(c);      // after the series: inside an empty corner, else outside
 * </pre>
 */
public final class FigureStyle {
  private FigureStyle() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** matplotlib's default colour cycle ("tab10"), which the paper's line figures use. */
  public static final List<Color> TAB10 =
      List.of(
          new Color(0x1f, 0x77, 0xb4),
          new Color(0xff, 0x7f, 0x0e),
          new Color(0x2c, 0xa0, 0x2c),
          new Color(0xd6, 0x27, 0x28),
          new Color(0x94, 0x67, 0xbd),
          new Color(0x8c, 0x56, 0x4b),
          new Color(0xe3, 0x77, 0xc2),
          new Color(0x7f, 0x7f, 0x7f),
          new Color(0xbc, 0xbd, 0x22),
          new Color(0x17, 0xbe, 0xcf));

  /**
   * The ten class colours of the paper's t-SNE figure (ColorBrewer's "Paired"): digit k is {@code
   * CLASS_COLORS.get(k)}.
   */
  public static final List<Color> CLASS_COLORS =
      List.of(
          new Color(0xa6, 0xce, 0xe3),
          new Color(0x1f, 0x78, 0xb4),
          new Color(0xb2, 0xdf, 0x8a),
          new Color(0x33, 0xa0, 0x2c),
          new Color(0xfb, 0x9a, 0x99),
          new Color(0xe3, 0x1a, 0x1c),
          new Color(0xfd, 0xbf, 0x6f),
          new Color(0xff, 0x7f, 0x00),
          new Color(0xca, 0xb2, 0xd6),
          new Color(0x6a, 0x3d, 0x9a));

  /** Text and axis colour: near-black. */
  public static final Color INK = new Color(0x22, 0x22, 0x22);

  /** Grid lines: light grey, under the data. */
  public static final Color GRID = new Color(0xe4, 0xe4, 0xe4);

  /** The font family: the logical sans-serif (DejaVu Sans on Debian, as matplotlib's default). */
  public static final String FAMILY = Font.SANS_SERIF;

  /** Chart titles. */
  public static final Font TITLE_FONT = new Font(FAMILY, Font.BOLD, 17);

  /** Axis titles (say the quantity and its unit: "training step", "test accuracy (%)"). */
  public static final Font AXIS_TITLE_FONT = new Font(FAMILY, Font.PLAIN, 15);

  /** Tick labels. */
  public static final Font TICK_FONT = new Font(FAMILY, Font.PLAIN, 13);

  /** Legend entries. */
  public static final Font LEGEND_FONT = new Font(FAMILY, Font.PLAIN, 13);

  /** Text placed on the data (class labels at medians). */
  public static final Font ANNOTATION_FONT = new Font(FAMILY, Font.BOLD, 16);

  /** The colour of digit class {@code label} in every class-coloured figure. */
  public static Color classColor(int label) {
    return CLASS_COLORS.get(Math.floorMod(label, CLASS_COLORS.size()));
  }

  /** The {@code i}-th colour of the cycle series take in order. */
  public static Color seriesColor(int i) {
    return TAB10.get(Math.floorMod(i, TAB10.size()));
  }

  /**
   * A styled, empty XY chart; x ticks read 0.2, 0.08 or 1400 (at most two decimals, no grouping)
   * rather than XChart's 0.20202020 for data such as 20/99.
   */
  public static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
    XYChart chart =
        apply(
            new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title == null ? "" : title)
                .xAxisTitle(xTitle == null ? "" : xTitle)
                .yAxisTitle(yTitle == null ? "" : yTitle)
                .build());
    chart.getStyler().setXAxisDecimalPattern("#.##");
    return chart;
  }

  /**
   * Makes the x and/or y axis logarithmic. A y axis labels the ticks between powers of ten too (a
   * loss from 1 to 3 gets numbers); an x axis labels the powers of ten only, as its labels sit side
   * by side and would run together.
   */
  public static void logarithmic(XYStyler s, boolean x, boolean y) {
    s.setXAxisLogarithmic(x);
    s.setYAxisLogarithmic(y);
    s.setYAxisLogarithmicDecadeOnly(!y);
  }

  /** A styled, empty bar chart. */
  public static CategoryChart categoryChart(
      int width, int height, String title, String xTitle, String yTitle) {
    return apply(
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(title == null ? "" : title)
            .xAxisTitle(xTitle == null ? "" : xTitle)
            .yAxisTitle(yTitle == null ? "" : yTitle)
            .build());
  }

  /** Applies the style to {@code chart} (fonts, colours, background, grid); returns it. */
  public static <C extends Chart<?, ?>> C apply(C chart) {
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    // as the paper's style: left and bottom axis lines, no box around the plot
    s.setPlotBorderVisible(false);
    s.setChartFontColor(INK);
    s.setChartTitleFont(TITLE_FONT);
    s.setChartTitleBoxVisible(false);
    s.setChartTitlePadding(10);
    s.setChartPadding(12);
    s.setLegendFont(LEGEND_FONT);
    s.setLegendBackgroundColor(new Color(255, 255, 255, 235));
    s.setLegendBorderColor(new Color(255, 255, 255, 0));
    s.setLegendPadding(6);
    s.setLegendSeriesLineLength(28);
    s.setSeriesColors(TAB10.toArray(new Color[0]));
    s.setAnnotationTextFont(ANNOTATION_FONT);
    s.setAnnotationTextFontColor(INK);
    s.setAntiAlias(true);
    s.setToolTipsEnabled(false);
    if (s instanceof AxesChartStyler a) {
      a.setPlotGridLinesVisible(true);
      a.setPlotGridLinesColor(GRID);
      a.setPlotGridLinesStroke(new BasicStroke(1f));
      a.setAxisTitleFont(AXIS_TITLE_FONT);
      a.setAxisTickLabelsFont(TICK_FONT);
      a.setAxisTickLabelsColor(INK);
      a.setAxisTickMarksColor(new Color(0x55, 0x55, 0x55));
      a.setAxisTicksLineVisible(true);
      a.setAxisTitlePadding(8);
      a.setAxisTickPadding(6);
      a.setPlotMargin(6);
      a.setMarkerSize(5);
    }
    return chart;
  }

  /**
   * Places the legend of a chart whose series are all added where it hides no data: hidden for a
   * single series (the axis title names it), else inside the first empty corner (upper right, upper
   * left, lower right, lower left, as matplotlib's "best"), else outside on the right.
   */
  public static void placeLegend(XYChart chart) {
    Styler s = chart.getStyler();
    List<XYSeries> series =
        chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).toList();
    if (series.size() <= 1) {
      s.setLegendVisible(false);
      return;
    }
    s.setLegendVisible(true);
    s.setLegendLayout(Styler.LegendLayout.Vertical);
    Styler.LegendPosition corner = emptyCorner(chart, series);
    s.setLegendPosition(corner == null ? Styler.LegendPosition.OutsideE : corner);
  }

  /** The first corner where the legend's box covers no point or line of the chart, or null. */
  static Styler.LegendPosition emptyCorner(XYChart chart, List<XYSeries> legend) {
    double[] range = dataRange(chart);
    if (range == null) {
      return Styler.LegendPosition.InsideNE;
    }
    // The legend's size against the plot area's, both estimated from the chart's size and fonts.
    FontMetrics fm = metrics(chart.getStyler().getLegendFont());
    int textWidth = 0;
    for (XYSeries x : legend) {
      textWidth = Math.max(textWidth, fm.stringWidth(x.getName()));
    }
    int pad = chart.getStyler().getLegendPadding();
    double boxWidth = textWidth + chart.getStyler().getLegendSeriesLineLength() + 4 * pad;
    double boxHeight = legend.size() * (fm.getHeight() + pad) + 2 * pad;
    double plotWidth = Math.max(1, chart.getWidth() - 110);
    double plotHeight = Math.max(1, chart.getHeight() - 120);
    double fx = Math.min(1, 1.08 * boxWidth / plotWidth + 0.02);
    double fy = Math.min(1, 1.08 * boxHeight / plotHeight + 0.02);
    Styler.LegendPosition[] corners = {
      Styler.LegendPosition.InsideNE,
      Styler.LegendPosition.InsideNW,
      Styler.LegendPosition.InsideSE,
      Styler.LegendPosition.InsideSW
    };
    for (Styler.LegendPosition corner : corners) {
      boolean right =
          corner == Styler.LegendPosition.InsideNE || corner == Styler.LegendPosition.InsideSE;
      boolean top =
          corner == Styler.LegendPosition.InsideNE || corner == Styler.LegendPosition.InsideNW;
      double x0 = right ? 1 - fx : 0;
      double y0 = top ? 1 - fy : 0;
      if (!covers(chart, range, x0, x0 + fx, y0, y0 + fy)) {
        return corner;
      }
    }
    return null;
  }

  /** Whether any point, or any point along a drawn line, falls in the box (plot fractions). */
  private static boolean covers(
      XYChart chart, double[] range, double x0, double x1, double y0, double y1) {
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    for (XYSeries s : chart.getSeriesMap().values()) {
      double[] xs = s.getXData();
      double[] ys = s.getYData();
      XYSeries.XYSeriesRenderStyle style =
          s.getXYSeriesRenderStyle() != null
              ? s.getXYSeriesRenderStyle()
              : chart.getStyler().getDefaultSeriesRenderStyle();
      boolean lines = style != XYSeries.XYSeriesRenderStyle.Scatter;
      for (int i = 0; i < xs.length; i++) {
        int steps = lines && i + 1 < xs.length ? 12 : 1;
        for (int k = 0; k < steps; k++) {
          double t = (double) k / steps;
          double x = i + 1 < xs.length && steps > 1 ? xs[i] + t * (xs[i + 1] - xs[i]) : xs[i];
          double y = i + 1 < ys.length && steps > 1 ? ys[i] + t * (ys[i + 1] - ys[i]) : ys[i];
          if (!Double.isFinite(x) || !Double.isFinite(y)) {
            continue;
          }
          double fx = (x - range[0]) / (range[1] - range[0]);
          double fy =
              logY && y > 0 && range[2] > 0
                  ? (Math.log(y) - Math.log(range[2])) / (Math.log(range[3]) - Math.log(range[2]))
                  : (y - range[2]) / (range[3] - range[2]);
          if (fx >= x0 && fx <= x1 && fy >= y0 && fy <= y1) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** {xmin, xmax, ymin, ymax} of the axes: the styler's limits where set, else the data's. */
  private static double[] dataRange(XYChart chart) {
    double[] r = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double x : s.getXData()) {
        if (Double.isFinite(x)) {
          r[0] = Math.min(r[0], x);
          r[1] = Math.max(r[1], x);
        }
      }
      for (double y : s.getYData()) {
        if (Double.isFinite(y)) {
          r[2] = Math.min(r[2], y);
          r[3] = Math.max(r[3], y);
        }
      }
    }
    var st = chart.getStyler();
    if (st.getXAxisMin() != null) {
      r[0] = st.getXAxisMin();
    }
    if (st.getXAxisMax() != null) {
      r[1] = st.getXAxisMax();
    }
    if (st.getYAxisMin() != null) {
      r[2] = st.getYAxisMin();
    }
    if (st.getYAxisMax() != null) {
      r[3] = st.getYAxisMax();
    }
    if (!(r[0] <= r[1]) || !(r[2] <= r[3])) {
      return null;
    }
    if (r[0] == r[1]) {
      r[0] -= 1;
      r[1] += 1;
    }
    if (r[2] == r[3]) {
      r[2] -= 1;
      r[3] += 1;
    }
    return r;
  }

  private static FontMetrics metrics(Font font) {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    try {
      g.setFont(font);
      return g.getFontMetrics();
    } finally {
      g.dispose();
    }
  }
}
