package org.mnist1d.workbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mnist1d.GaussianFilter;
import org.mnist1d.workbench.figures.FigureStyle;
import org.mnist1d.workbench.figures.LineStyle;
import org.mnist1d.workbench.figures.PanelFigure;
import tech.tablesaw.api.Table;

/**
 * Line charts with a {@link ReportSpec.Layout}: one panel or several, each series sorted by x,
 * optionally smoothed as {@code scipy.ndimage.gaussian_filter(y, sigma)} does, renamed, styled,
 * with horizontal reference lines and another table (published values) drawn over it. A series
 * keeps one colour in every panel.
 */
final class PanelCharts {
  private PanelCharts() {}

  private static final int PANEL_WIDTH = 440;
  private static final int PANEL_HEIGHT = 340;

  /** The chart {@code c} over {@code t} (its where applied), with {@code overlay} (may be null). */
  static Report.NamedChart draw(ReportSpec.ChartSpec c, Table t, Table overlay) {
    ReportSpec.Layout l = c.layout();
    String path = "charts." + c.name();
    List<ReportSpec.Panel> panels = panels(c, t);
    Map<String, LineStyle> styles = styles(c, t, overlay);
    boolean multi = l.multiPanel();
    List<Chart<?, ?>> charts = new ArrayList<>();
    List<Chart<?, ?>> emptyPanels = new ArrayList<>();
    Set<String> drawn = new LinkedHashSet<>();
    for (ReportSpec.Panel p : panels) {
      Table pt = ReportBuilder.where(t, p.where(), path + ".panels");
      Table po =
          overlay == null ? null : ReportBuilder.where(overlay, p.where(), path + ".overlay");
      boolean empty = pt.rowCount() == 0 && (po == null || po.rowCount() == 0);
      XYChart chart =
          FigureStyle.xyChart(
              multi ? PANEL_WIDTH : ReportBuilder.WIDTH,
              multi ? PANEL_HEIGHT : ReportBuilder.HEIGHT,
              multi ? p.title() : c.title(),
              c.xLabel() == null ? c.x() : c.xLabel(),
              c.yLabel() == null ? (c.y().size() == 1 ? c.y().get(0) : "") : c.yLabel());
      style(chart.getStyler(), c, p.yRange().isEmpty() ? l.yRange() : p.yRange());
      double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      addSeries(chart, c, pt, "", l.smooth(), styles, drawn, xRange, path);
      if (po != null) {
        addSeries(chart, c, po, l.overlay().suffix(), 0, styles, drawn, xRange, path + ".overlay");
      }
      for (ReportSpec.HLine h : p.hlines() != null ? p.hlines() : c.hlines()) {
        if (xRange[0] <= xRange[1]) {
          XYSeries s =
              chart.addSeries(
                  h.label() != null && !multi ? h.label() : "hline " + h.y() + " " + charts.size(),
                  new double[] {xRange[0], xRange[1]},
                  new double[] {h.y(), h.y()});
          s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          LineStyle.parse(h.style()).orColor(FigureStyle.INK).applyTo(s);
          s.setShowInLegend(!multi && h.label() != null); // panels: in the shared legend
        }
      }
      if (empty) {
        emptyPanels.add(chart); // nothing of this panel ran (e.g. one file of a two-file sweep)
        continue;
      }
      if (chart.getSeriesMap().values().stream()
          .allMatch(x -> Arrays.stream(x.getXData()).allMatch(v -> v == Math.rint(v)))) {
        chart.getStyler().setXAxisDecimalPattern("#"); // steps, sizes, widths: 1400, not 1,400
      }
      charts.add(chart);
    }
    String title = c.title();
    if (charts.isEmpty()) {
      // no run matches any panel (a sweep of other sizes, say): the empty panels, said so
      charts.addAll(emptyPanels);
      title = title + " (no runs for these panels)";
    }
    if (!multi) {
      FigureStyle.placeLegend((XYChart) charts.get(0));
      return new Report.NamedChart(c.name(), charts.get(0));
    }
    List<PanelFigure.Entry> legend = new ArrayList<>();
    for (String name : styles.keySet()) { // measured series first, then the overlay's
      if (drawn.contains(name)) {
        legend.add(new PanelFigure.Entry(name, styles.get(name)));
      }
    }
    List<ReportSpec.HLine> lines = new ArrayList<>(c.hlines());
    panels.forEach(p -> lines.addAll(p.hlines() == null ? List.of() : p.hlines()));
    Set<String> labelled = new LinkedHashSet<>();
    for (ReportSpec.HLine h : lines) {
      if (h.label() != null && labelled.add(h.label())) {
        legend.add(
            new PanelFigure.Entry(h.label(), LineStyle.parse(h.style()).orColor(FigureStyle.INK)));
      }
    }
    int columns = l.columns() > 0 ? l.columns() : Math.min(3, charts.size());
    return new Report.NamedChart(c.name(), title, charts, columns, legend);
  }

  /** The panels: explicit ones, one per value of {@code panels: COLUMN}, or one showing all. */
  private static List<ReportSpec.Panel> panels(ReportSpec.ChartSpec c, Table t) {
    ReportSpec.Layout l = c.layout();
    if (!l.panels().isEmpty()) {
      return l.panels();
    }
    if (l.panelBy() == null) {
      return List.of(new ReportSpec.Panel(c.title(), Map.of(), List.of(), null));
    }
    ReportBuilder.columns(t, List.of(l.panelBy()), "charts." + c.name() + ".panels");
    List<String> values = new ArrayList<>(new LinkedHashSet<>(strings(t, l.panelBy())));
    values.sort(NUMBERS_FIRST);
    String format = l.panelTitle() != null ? l.panelTitle() : shortName(l.panelBy()) + " = {}";
    List<ReportSpec.Panel> out = new ArrayList<>();
    for (String v : values) {
      out.add(
          new ReportSpec.Panel(
              format.replace("{}", v), Map.of(l.panelBy(), List.of(v)), List.of(), null));
    }
    return out;
  }

  /** Numbers in numeric order before text in text order. */
  private static final Comparator<String> NUMBERS_FIRST =
      (a, b) -> {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
          return Double.compare(x, y);
        }
        if (x != null || y != null) {
          return x != null ? -1 : 1;
        }
        return a.compareTo(b);
      };

  private static Double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String shortName(String column) {
    return column.substring(column.lastIndexOf('.') + 1);
  }

  private static List<String> strings(Table t, String column) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      String s = t.column(column).getString(i);
      Double d = number(s);
      out.add(
          d != null && d == Math.rint(d) && !s.contains("e") ? String.valueOf(d.longValue()) : s);
    }
    return out;
  }

  /**
   * Every series' style, by its (labelled) name: a given style, else the next default colour with a
   * solid line; an overlay series takes its measured series' colour with the overlay's style.
   */
  private static Map<String, LineStyle> styles(ReportSpec.ChartSpec c, Table t, Table overlay) {
    ReportSpec.Layout l = c.layout();
    Map<String, LineStyle> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(seriesNames(c, t));
    if (overlay != null) {
      for (String n : seriesNames(c, overlay)) {
        if (!names.contains(n)) {
          names.add(n);
        }
      }
    }
    LineStyle plain = c.type().equals("scatter") ? LineStyle.parse("o") : LineStyle.SOLID;
    int next = 0;
    for (String n : names) {
      String given = l.styles().get(n);
      out.put(
          n,
          (given != null ? LineStyle.parse(given) : plain)
              .orColor(FigureStyle.seriesColor(next++)));
    }
    if (overlay != null) {
      LineStyle os = LineStyle.parse(l.overlay().style());
      for (String n : names) {
        String on = n + l.overlay().suffix();
        String given = l.styles().get(on);
        out.put(
            on,
            given != null
                ? LineStyle.parse(given).orColor(out.get(n).color())
                : os.color() != null ? os : os.withColor(out.get(n).color()));
      }
    }
    return out;
  }

  /** The labelled series names of {@code t}, in order of first appearance. */
  private static List<String> seriesNames(ReportSpec.ChartSpec c, Table t) {
    Set<String> out = new LinkedHashSet<>();
    List<String> groups =
        c.series() == null
            ? List.of("")
            : t.containsColumn(c.series()) ? strings(t, c.series()) : List.of();
    for (String g : groups) {
      for (String y : c.y()) {
        out.add(label(c, seriesName(g, y, c)));
      }
    }
    return List.copyOf(out);
  }

  private static String seriesName(String group, String y, ReportSpec.ChartSpec c) {
    if (group.isEmpty()) {
      return y;
    }
    return c.y().size() == 1 ? group : group + " " + y;
  }

  private static String label(ReportSpec.ChartSpec c, String name) {
    return c.layout().labels().getOrDefault(name, name);
  }

  /**
   * Adds one series per group and y column of {@code t}, sorted by x and smoothed when {@code sigma
   * > 0}; records names drawn and widens {@code xRange}.
   */
  private static void addSeries(
      XYChart chart,
      ReportSpec.ChartSpec c,
      Table t,
      String suffix,
      double sigma,
      Map<String, LineStyle> styles,
      Set<String> drawn,
      double[] xRange,
      String path) {
    if (t.rowCount() == 0) {
      return;
    }
    List<String> needed = new ArrayList<>(c.y());
    needed.add(c.x());
    if (c.series() != null) {
      needed.add(c.series());
    }
    ReportBuilder.columns(t, needed, path);
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    List<String> keys = c.series() == null ? null : strings(t, c.series());
    for (int i = 0; i < t.rowCount(); i++) {
      groups.computeIfAbsent(keys == null ? "" : keys.get(i), k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
      for (String y : c.y()) {
        List<double[]> points = new ArrayList<>();
        for (int row : g.getValue()) {
          double xv = ReportBuilder.number(t.column(c.x()), row, path).doubleValue();
          double yv = ReportBuilder.number(t.column(y), row, path).doubleValue();
          if (!Double.isNaN(xv) && !Double.isNaN(yv)) {
            points.add(new double[] {xv, yv});
          }
        }
        if (points.isEmpty()) {
          continue;
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
        if (sigma > 0) {
          ys = GaussianFilter.filter(ys, sigma);
        }
        String name = label(c, seriesName(g.getKey(), y, c)) + suffix;
        XYSeries s = chart.addSeries(name, xs, ys);
        LineStyle style = styles.getOrDefault(name, LineStyle.SOLID);
        style.applyTo(s);
        drawn.add(name);
        xRange[0] = Math.min(xRange[0], Arrays.stream(xs).min().orElseThrow());
        xRange[1] = Math.max(xRange[1], Arrays.stream(xs).max().orElseThrow());
      }
    }
  }

  private static void style(
      org.knowm.xchart.style.XYStyler s, ReportSpec.ChartSpec c, List<Double> yRange) {
    FigureStyle.logarithmic(s, c.layout().logX(), c.logY());
    if (c.type().equals("scatter")) {
      s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    if (!yRange.isEmpty()) {
      s.setYAxisMin(yRange.get(0));
      s.setYAxisMax(yRange.get(1));
    }
  }
}
