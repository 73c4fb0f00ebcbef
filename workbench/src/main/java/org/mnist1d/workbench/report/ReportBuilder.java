package org.mnist1d.workbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mnist1d.DidYouMean;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.figures.FigureStyle;
import org.mnist1d.workbench.figures.LineStyle;
import tech.tablesaw.aggregate.AggregateFunction;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/** Computes a {@link ReportSpec} with Tablesaw: loads the runs, derives tables, draws charts. */
public final class ReportBuilder {
  private ReportBuilder() {}

  /** Size of a report chart in pixels. */
  static final int WIDTH = 760;

  static final int HEIGHT = 440;

  /** {@code from: file:rounds.csv}: the rows of a CSV file each run wrote. */
  static final String FILE_PREFIX = "file:";

  /** Builds the report; globs are resolved against {@code base}. */
  public static Report build(ReportSpec spec, Path base) {
    Map<String, List<Path>> runs = new LinkedHashMap<>();
    int count = 0;
    for (ReportSpec.Source s : spec.sources()) {
      List<Path> found = new ArrayList<>();
      for (String g : s.globs()) {
        found.addAll(RunTables.find(base, g));
      }
      Table summaries =
          where(RunTables.summaries(found), prefixed(s.where(), "params."), "sources." + s.name());
      List<Path> kept = new ArrayList<>();
      for (Path p : found) {
        if (summaries.rowCount() > 0
            && summaries.stringColumn("run").contains(p.getFileName().toString())) {
          kept.add(p);
        }
      }
      runs.put(s.name(), kept);
      count += kept.size();
    }
    if (count == 0) {
      throw new UserError(
          "report '"
              + spec.title()
              + "': no run directories matched "
              + spec.sources().stream().flatMap(s -> s.globs().stream()).toList()
              + " under "
              + base.toAbsolutePath().normalize());
    }
    String first = runs.keySet().iterator().next();
    Map<String, Table> named = new LinkedHashMap<>();
    for (ReportSpec.DataSpec d : spec.data()) {
      named.put(d.name(), data(d));
    }
    Map<String, Table> cache = new LinkedHashMap<>();
    List<Table> tables = new ArrayList<>();
    Map<String, String> notes = new LinkedHashMap<>();
    for (ReportSpec.TableSpec t : spec.tables()) {
      Table from =
          input(
              t.from(),
              t.source() == null ? first : t.source(),
              runs,
              named,
              cache,
              "tables." + t.name());
      Table out = table(t, from);
      named.put(t.name(), out);
      tables.add(out);
      if (t.note() != null) {
        notes.put(t.name(), t.note());
      }
    }
    List<Report.NamedChart> charts = new ArrayList<>();
    for (ReportSpec.ChartSpec c : spec.charts()) {
      Table from =
          input(
              c.from(),
              c.source() == null ? first : c.source(),
              runs,
              named,
              cache,
              "charts." + c.name());
      Table rows = where(from, c.where(), "charts." + c.name());
      if (c.layout() == ReportSpec.Layout.PLAIN) {
        charts.add(new Report.NamedChart(c.name(), chart(c, rows)));
      } else {
        Table overlay = null;
        if (c.layout().overlay() != null) {
          overlay =
              input(
                  c.layout().overlay().from(),
                  c.source() == null ? first : c.source(),
                  runs,
                  named,
                  cache,
                  "charts." + c.name() + ".overlay");
        }
        charts.add(PanelCharts.draw(c, rows, overlay));
      }
    }
    List<Report.NamedImage> images = new ArrayList<>();
    for (ReportSpec.ImageSpec i : spec.images()) {
      String source = i.source() == null ? first : i.source();
      if (!runs.containsKey(source)) {
        throw new UserError(
            "report: images."
                + i.name()
                + ".source: no source named '"
                + source
                + "'; expected one of "
                + runs.keySet());
      }
      images.add(image(i, runs.get(source)));
    }
    return new Report(spec.title(), count, tables, charts, notes, images);
  }

  /** Each run's figure file (those that have it), captioned from its summary. */
  static Report.NamedImage image(ReportSpec.ImageSpec spec, List<Path> runs) {
    String path = "images." + spec.name();
    Table summaries = RunTables.summaries(runs);
    columns(summaries, spec.caption(), path + ".caption");
    List<Report.Figure> figures = new ArrayList<>();
    for (Path run : runs) {
      Path png = run.resolve(spec.file());
      if (!Files.isRegularFile(png)) {
        continue;
      }
      Path svg =
          png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", "") + ".svg");
      int row = summaries.stringColumn("run").indexOf(run.getFileName().toString());
      List<String> caption = new ArrayList<>();
      for (String c : spec.caption()) {
        Column<?> col = summaries.column(c);
        String value =
            row < 0 || col.isMissing(row)
                ? ""
                : col instanceof NumericColumn<?> n
                    ? significant(n.getDouble(row))
                    : col.getString(row);
        caption.add(c.substring(c.lastIndexOf('.') + 1) + " " + value);
      }
      try {
        figures.add(
            new Report.Figure(
                caption.isEmpty() ? run.getFileName().toString() : String.join(", ", caption),
                Files.readAllBytes(png),
                Files.isRegularFile(svg) ? Files.readString(svg) : null));
      } catch (IOException e) {
        throw new UserError(path + ": cannot read " + png + " (" + e.getMessage() + ")", e);
      }
    }
    return new Report.NamedImage(spec.name(), spec.title(), figures);
  }

  /** A number to four significant digits, without trailing zeros. */
  static String significant(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A table written in the report: numeric columns where every value is a number, else text. */
  static Table data(ReportSpec.DataSpec d) {
    Table t = Table.create(d.name());
    for (int c = 0; c < d.columns().size(); c++) {
      int col = c;
      if (d.rows().stream().allMatch(r -> r.get(col) instanceof Number)) {
        tech.tablesaw.api.DoubleColumn dc =
            tech.tablesaw.api.DoubleColumn.create(d.columns().get(c));
        d.rows().forEach(r -> dc.append(((Number) r.get(col)).doubleValue()));
        t.addColumns(dc);
      } else {
        tech.tablesaw.api.StringColumn sc =
            tech.tablesaw.api.StringColumn.create(d.columns().get(c));
        d.rows().forEach(r -> sc.append(r.get(col) == null ? "" : String.valueOf(r.get(col))));
        t.addColumns(sc);
      }
    }
    return t;
  }

  /** A numeric column as text: whole numbers without a decimal point (1000, not 1000.0). */
  private static tech.tablesaw.api.StringColumn asText(NumericColumn<?> n) {
    tech.tablesaw.api.StringColumn s = tech.tablesaw.api.StringColumn.create(n.name());
    for (int i = 0; i < n.size(); i++) {
      double d = n.getDouble(i);
      s.append(
          d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d));
    }
    return s;
  }

  private static Map<String, List<String>> prefixed(
      Map<String, List<String>> where, String prefix) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    where.forEach((k, v) -> out.put(k.contains(".") ? k : prefix + k, v));
    return out;
  }

  private static Table input(
      String from,
      String source,
      Map<String, List<Path>> runs,
      Map<String, Table> named,
      Map<String, Table> cache,
      String path) {
    if (named.containsKey(from)) {
      return named.get(from);
    }
    if (!runs.containsKey(source)) {
      throw new UserError(
          "report: "
              + path
              + ".source: no source named '"
              + source
              + "'; expected one of "
              + runs.keySet());
    }
    return switch (from) {
      case "summary" ->
          cache.computeIfAbsent("summary:" + source, k -> RunTables.summaries(runs.get(source)));
      case "metrics" ->
          cache.computeIfAbsent("metrics:" + source, k -> RunTables.metrics(runs.get(source)));
      default -> {
        if (from.startsWith(FILE_PREFIX) && from.length() > FILE_PREFIX.length()) {
          String file = from.substring(FILE_PREFIX.length());
          yield cache.computeIfAbsent(
              from + ":" + source, k -> RunTables.csvFiles(runs.get(source), file));
        }
        throw new UserError(
            "report: "
                + path
                + ".from: expected summary, metrics, file:NAME.csv or an earlier table, got '"
                + from
                + "'"
                + DidYouMean.hint(from, named.keySet()));
      }
    };
  }

  /**
   * Applies where, select, group_by + aggregate, pivot, published figures, rename, columns (the
   * listed columns first, in that order) and sort, in that order, then appends the written rows.
   */
  static Table table(ReportSpec.TableSpec t, Table from) {
    String path = "tables." + t.name();
    Table out = where(from, t.where(), path);
    if (!t.select().isEmpty()) {
      columns(out, t.select(), path + ".select");
      out = out.selectColumns(t.select().toArray(new String[0]));
    }
    if (!t.aggregate().isEmpty()) {
      columns(out, t.groupBy(), path + ".group_by");
      out = groupable(out, t.groupBy());
      List<String> cols = new ArrayList<>();
      List<AggregateFunction<?, ?>> fns = new ArrayList<>();
      Table agg = null;
      for (Map.Entry<String, List<String>> e : t.aggregate().entrySet()) {
        columns(out, List.of(e.getKey()), path + ".aggregate");
        List<AggregateFunction<?, ?>> f =
            e.getValue().stream().<AggregateFunction<?, ?>>map(ReportBuilder::function).toList();
        cols.add(e.getKey());
        fns.addAll(f);
        Table one =
            t.groupBy().isEmpty()
                ? out.summarize(e.getKey(), f.toArray(new AggregateFunction[0])).apply()
                : out.summarize(e.getKey(), f.toArray(new AggregateFunction[0]))
                    .by(t.groupBy().toArray(new String[0]));
        agg = agg == null ? one : agg.concat(one.rejectColumns(t.groupBy().toArray(new String[0])));
      }
      out = agg;
    }
    if (!t.pivot().isEmpty()) {
      columns(
          out,
          List.of(t.pivot().get("rows"), t.pivot().get("columns"), t.pivot().get("values")),
          path + ".pivot");
      // Tablesaw pivots on text keys: numeric keys (sizes, widths) become text for the pivot,
      // and a numeric rows key is made numeric again after it, so that it sorts as numbers
      String rows = t.pivot().get("rows");
      boolean numericRows = out.column(rows) instanceof NumericColumn<?>;
      Table keyed = out.copy();
      for (String k : List.of(rows, t.pivot().get("columns"))) {
        if (keyed.column(k) instanceof NumericColumn<?> n) {
          keyed.replaceColumn(k, asText(n));
        }
      }
      out =
          keyed.pivot(
              rows, t.pivot().get("columns"), t.pivot().get("values"), AggregateFunctions.mean);
      if (numericRows) {
        tech.tablesaw.api.DoubleColumn back = tech.tablesaw.api.DoubleColumn.create(rows);
        for (int i = 0; i < out.rowCount(); i++) {
          back.append(Double.parseDouble(out.column(rows).getString(i)));
        }
        out.replaceColumn(rows, back);
      }
    }
    if (!t.reference().isEmpty() && out.columnCount() > 0) {
      // published figures beside the computed ones, matched on the first column
      Column<?> key = out.column(0);
      Map<String, Object> ref = t.reference();
      tech.tablesaw.api.StringColumn published = tech.tablesaw.api.StringColumn.create("published");
      for (int i = 0; i < out.rowCount(); i++) {
        Object v = ref.get(key.getString(i));
        published.append(v == null ? "" : String.valueOf(v));
      }
      out.addColumns(published);
    }
    if (!t.rename().isEmpty()) {
      for (Map.Entry<String, String> e : t.rename().entrySet()) {
        if (out.containsColumn(e.getKey())) {
          out.column(e.getKey()).setName(e.getValue());
        }
      }
    }
    if (!t.columns().isEmpty()) {
      // the listed columns first, in that order (those the table has), then the others
      List<String> order = new ArrayList<>();
      t.columns().stream().filter(out::containsColumn).forEach(order::add);
      out.columnNames().stream().filter(c -> !order.contains(c)).forEach(order::add);
      out = out.selectColumns(order.toArray(new String[0]));
    }
    if (!t.sort().isEmpty()) {
      columns(
          out,
          t.sort().stream().map(s -> s.startsWith("-") ? s.substring(1) : s).toList(),
          path + ".sort");
      out = out.sortOn(t.sort().toArray(new String[0]));
    }
    // written rows (a human baseline, say) go last, whatever the sort
    for (Map<String, Object> row : t.rows()) {
      columns(out, List.copyOf(row.keySet()), path + ".rows");
      for (Column<?> c : out.columns()) {
        Object v = row.get(c.name());
        if (v == null) {
          c.appendMissing();
        } else {
          c.appendCell(String.valueOf(v));
        }
      }
    }
    out.setName(t.name());
    return out;
  }

  /**
   * A copy whose group-by columns Tablesaw can group on: a column of numbers (metrics and run files
   * are read as doubles) becomes integers when every value is whole ({@code round}, {@code step}),
   * else text.
   */
  private static Table groupable(Table t, List<String> groupBy) {
    Table out = t.copy();
    for (String name : groupBy) {
      if (out.column(name) instanceof tech.tablesaw.api.DoubleColumn d) {
        boolean whole =
            d.asList().stream()
                .allMatch(v -> v != null && v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE);
        Column<?> c =
            whole
                ? tech.tablesaw.api.IntColumn.create(
                    name, d.asList().stream().mapToInt(Double::intValue).toArray())
                : tech.tablesaw.api.StringColumn.create(
                    name, d.asList().stream().map(String::valueOf).toList());
        out.replaceColumn(name, c);
      }
    }
    return out;
  }

  private static AggregateFunction<?, ?> function(String name) {
    return switch (name) {
      case "mean" -> AggregateFunctions.mean;
      case "std" -> AggregateFunctions.stdDev;
      case "min" -> AggregateFunctions.min;
      case "max" -> AggregateFunctions.max;
      case "count" -> AggregateFunctions.count;
      case "median" -> AggregateFunctions.median;
      case "sum" -> AggregateFunctions.sum;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Rows whose column equals the given text (numbers compared by value). */
  /** The rows whose every named column holds one of its accepted values. */
  static Table where(Table t, Map<String, List<String>> where, String path) {
    if (where.isEmpty() || t.rowCount() == 0) {
      return t;
    }
    columns(t, List.copyOf(where.keySet()), path + ".where");
    Selection keep = Selection.withRange(0, t.rowCount());
    for (Map.Entry<String, List<String>> e : where.entrySet()) {
      Column<?> c = t.column(e.getKey());
      Selection s = Selection.with();
      for (int i = 0; i < t.rowCount(); i++) {
        int row = i;
        if (e.getValue().stream().anyMatch(v -> matches(c, row, v))) {
          s.add(i);
        }
      }
      keep = keep.and(s);
    }
    return t.where(keep);
  }

  private static boolean matches(Column<?> c, int row, String wanted) {
    if (c instanceof NumericColumn<?> n) {
      try {
        return !n.isMissing(row) && n.getDouble(row) == Double.parseDouble(wanted);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return c.getString(row).equals(wanted);
  }

  static void columns(Table t, List<String> names, String path) {
    for (String n : names) {
      if (!t.containsColumn(n)) {
        throw new UserError(
            "report: "
                + path
                + ": no column '"
                + n
                + "'"
                + DidYouMean.hint(n, t.columnNames())
                + "; columns are "
                + String.join(", ", t.columnNames()));
      }
    }
  }

  /** Draws one chart: a series per y column, or per value of {@code series}. */
  static Chart<?, ?> chart(ReportSpec.ChartSpec c, Table t) {
    String path = "charts." + c.name();
    List<String> needed = new ArrayList<>(c.y());
    needed.add(c.x());
    if (c.series() != null) {
      needed.add(c.series());
    }
    columns(t, needed, path);
    Map<String, Table> groups = new LinkedHashMap<>();
    if (c.series() == null) {
      groups.put("", t);
    } else {
      for (Row r : t) {
        groups.computeIfAbsent(
            t.column(c.series()).getString(r.getRowNumber()), k -> t.emptyCopy());
      }
      for (String k : groups.keySet()) {
        groups.put(k, where(t, Map.of(c.series(), List.of(k)), path));
      }
    }
    String xLabel = c.xLabel() == null ? c.x() : c.xLabel();
    String yLabel = c.yLabel() == null ? (c.y().size() == 1 ? c.y().get(0) : "") : c.yLabel();
    if (c.type().equals("bar")) {
      CategoryChart chart = FigureStyle.categoryChart(WIDTH, HEIGHT, c.title(), xLabel, yLabel);
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      for (Map.Entry<String, Table> g : groups.entrySet()) {
        for (String y : c.y()) {
          List<String> xs = new ArrayList<>();
          List<Number> ys = new ArrayList<>();
          Table gt = g.getValue();
          for (int i = 0; i < gt.rowCount(); i++) {
            xs.add(gt.column(c.x()).getString(i));
            ys.add(number(gt.column(y), i, path));
          }
          chart.addSeries(seriesName(g.getKey(), y, c), xs, ys);
        }
      }
      chart.getStyler().setLegendVisible(chart.getSeriesMap().size() > 1);
      // long category names would run into each other: slant them
      int categories = groups.values().stream().mapToInt(Table::rowCount).max().orElse(1);
      int longest =
          groups.values().stream()
              .flatMap(g -> g.column(c.x()).asStringColumn().asList().stream())
              .mapToInt(String::length)
              .max()
              .orElse(0);
      if (longest * 8 > (WIDTH - 200) / Math.max(1, categories)) {
        chart.getStyler().setXAxisLabelRotation(20);
      }
      return chart;
    }
    XYChart chart = FigureStyle.xyChart(WIDTH, HEIGHT, c.title(), xLabel, yLabel);
    FigureStyle.logarithmic(chart.getStyler(), false, c.logY());
    if (c.type().equals("scatter")) {
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    for (Map.Entry<String, Table> g : groups.entrySet()) {
      for (String y : c.y()) {
        Table gt = g.getValue();
        double[] xs = new double[gt.rowCount()];
        double[] ys = new double[gt.rowCount()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = number(gt.column(c.x()), i, path).doubleValue();
          ys[i] = number(gt.column(y), i, path).doubleValue();
        }
        if (xs.length == 0) {
          continue;
        }
        XYSeries s = chart.addSeries(seriesName(g.getKey(), y, c), xs, ys);
        if (c.type().equals("line")) {
          s.setMarker(SeriesMarkers.NONE);
        }
      }
    }
    hlines(chart, c.hlines());
    FigureStyle.placeLegend(chart);
    return chart;
  }

  /** Reference lines across the x range of the chart's data, each in its style. */
  private static void hlines(XYChart chart, List<ReportSpec.HLine> hlines) {
    if (hlines.isEmpty()) {
      return;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double x : s.getXData()) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    if (!(lo <= hi)) {
      lo = 0;
      hi = 1;
    }
    int i = 0;
    for (ReportSpec.HLine h : hlines) {
      String name = h.label() != null ? h.label() : " y = " + h.y() + " (" + i + ")";
      XYSeries s = chart.addSeries(name, new double[] {lo, hi}, new double[] {h.y(), h.y()});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      LineStyle.parse(h.style()).orColor(FigureStyle.INK).applyTo(s);
      s.setLineWidth(2f);
      s.setShowInLegend(h.label() != null);
      i++;
    }
  }

  private static String seriesName(String group, String y, ReportSpec.ChartSpec c) {
    if (group.isEmpty()) {
      return y;
    }
    return c.y().size() == 1 ? group : group + " " + y;
  }

  static Number number(Column<?> col, int row, String path) {
    if (col instanceof NumericColumn<?> n) {
      return n.isMissing(row) ? Double.NaN : n.getDouble(row);
    }
    try {
      return Double.parseDouble(col.getString(row));
    } catch (NumberFormatException e) {
      throw new UserError(
          "report: "
              + path
              + ": column '"
              + col.name()
              + "' is not numeric ('"
              + col.getString(row)
              + "')");
    }
  }
}
