package org.mnist1d.workbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mnist1d.DidYouMean;
import org.mnist1d.workbench.base.UserError;
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
    Map<String, Table> cache = new LinkedHashMap<>();
    List<Table> tables = new ArrayList<>();
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
      charts.add(
          new Report.NamedChart(c.name(), chart(c, where(from, c.where(), "charts." + c.name()))));
    }
    List<Report.NamedImage> images = new ArrayList<>();
    for (ReportSpec.ImageSpec i : spec.images()) {
      List<Path> with =
          runs.values().stream()
              .flatMap(List::stream)
              .filter(r -> Files.isRegularFile(r.resolve(i.file())))
              .toList();
      for (Path r : with) {
        String title = with.size() > 1 ? i.title() + " (" + r.getFileName() + ")" : i.title();
        try {
          Path file = r.resolve(i.file());
          images.add(
              new Report.NamedImage(
                  title, file.getFileName().toString(), Files.readAllBytes(file)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new Report(spec.title(), count, tables, charts, images);
  }

  private static Map<String, String> prefixed(Map<String, String> where, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
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

  /** Applies where, select, group_by + aggregate, pivot and sort, in that order. */
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
      columns(out, t.groupBy(), path + ".group_by");
      out = agg;
    }
    if (!t.pivot().isEmpty()) {
      columns(
          out,
          List.of(t.pivot().get("rows"), t.pivot().get("columns"), t.pivot().get("values")),
          path + ".pivot");
      out = groupable(out, List.of(t.pivot().get("rows"), t.pivot().get("columns")));
      out =
          out.pivot(
              t.pivot().get("rows"),
              t.pivot().get("columns"),
              t.pivot().get("values"),
              AggregateFunctions.mean);
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
    if (!t.sort().isEmpty()) {
      columns(
          out,
          t.sort().stream().map(s -> s.startsWith("-") ? s.substring(1) : s).toList(),
          path + ".sort");
      out = out.sortOn(t.sort().toArray(new String[0]));
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
  static Table where(Table t, Map<String, String> where, String path) {
    if (where.isEmpty() || t.rowCount() == 0) {
      return t;
    }
    columns(t, List.copyOf(where.keySet()), path + ".where");
    Selection keep = Selection.withRange(0, t.rowCount());
    for (Map.Entry<String, String> e : where.entrySet()) {
      Column<?> c = t.column(e.getKey());
      Selection s = Selection.with();
      for (int i = 0; i < t.rowCount(); i++) {
        if (matches(c, i, e.getValue())) {
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

  private static void columns(Table t, List<String> names, String path) {
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
        groups.put(k, where(t, Map.of(c.series(), k), path));
      }
    }
    String xLabel = c.xLabel() == null ? c.x() : c.xLabel();
    String yLabel = c.yLabel() == null ? (c.y().size() == 1 ? c.y().get(0) : "") : c.yLabel();
    if (c.type().equals("bar")) {
      CategoryChart chart =
          new CategoryChartBuilder()
              .width(720)
              .height(420)
              .title(c.title())
              .xAxisTitle(xLabel)
              .yAxisTitle(yLabel)
              .build();
      style(chart.getStyler());
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
      return chart;
    }
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(420)
            .title(c.title())
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(c.logY());
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
    return chart;
  }

  private static String seriesName(String group, String y, ReportSpec.ChartSpec c) {
    if (group.isEmpty()) {
      return y;
    }
    return c.y().size() == 1 ? group : group + " " + y;
  }

  private static Number number(Column<?> col, int row, String path) {
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

  private static void style(Styler s) {
    s.setChartBackgroundColor(java.awt.Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setAntiAlias(true);
  }
}
