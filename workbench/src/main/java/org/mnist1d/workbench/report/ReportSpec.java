package org.mnist1d.workbench.report;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.DidYouMean;
import org.mnist1d.workbench.config.ConfigNode;
import org.mnist1d.workbench.config.YamlReader;
import org.mnist1d.workbench.experiment.ConfigError;
import org.mnist1d.workbench.figures.LineStyle;

/**
 * A report as written in YAML: where the runs come from, which tables to compute and which charts
 * to draw. Parsed strictly: unknown keys and wrong types name file:line:column and the key.
 *
 * <pre>
 * title: Classification benchmark
 * sources: [{name: runs, glob: 'runs/classification-*', where: {model: mlp}}]
 * tables:
 *   - {name: acc, from: summary, where: {status: done}, select: [params.model, results.test_acc],
 *      group_by: [params.model], aggregate: {results.test_acc: [mean, std]},
 *      pivot: {rows: params.model, columns: params.shuffle, values: results.test_acc},
 *      sort: [-results.test_acc]}
 * charts:
 *   - {name: curves, type: line, from: metrics, x: step, y: [test_acc], series: params.model}
 * images:
 *   - {file: report/search.png, title: Accuracy against sparsity}
 * </pre>
 *
 * <p>Also: tables may rename columns, add written rows and carry a note; line and scatter charts
 * may draw horizontal reference lines ({@code hlines}); {@code images:} shows a figure file each
 * run drew itself, side by side; {@code data:} holds tables written in the report (published
 * figures); line charts may have panels, smoothing, labels, styles and an overlay of another table
 * (docs/reports.md). {@code from:} is {@code summary}, {@code metrics}, {@code file:NAME.csv} (the
 * rows of a CSV file each run wrote, e.g. {@code file:rounds.csv}) or an earlier table.
 */
public record ReportSpec(
    String title,
    List<Source> sources,
    List<TableSpec> tables,
    List<ChartSpec> charts,
    List<ImageSpec> images,
    List<DataSpec> data) {

  /** A report without images or written tables. */
  public ReportSpec(
      String title, List<Source> sources, List<TableSpec> tables, List<ChartSpec> charts) {
    this(title, sources, tables, charts, List.of(), List.of());
  }

  /** The same tables, charts and images over other runs: one source named {@code runs}. */
  public ReportSpec over(List<String> globs) {
    return new ReportSpec(
        title,
        List.of(new Source("runs", List.copyOf(globs), Map.of())),
        tables,
        charts,
        images,
        data);
  }

  /**
   * A table written in the report (published figures, say): column names and rows of values. Tables
   * and charts use it by name, as {@code from:} or as a chart's {@code overlay}.
   */
  public record DataSpec(String name, List<String> columns, List<List<Object>> rows) {}

  /** Run directories by glob (relative to the report's base directory), filtered on params. */
  public record Source(String name, List<String> globs, Map<String, List<String>> where) {}

  /**
   * A table computed from {@code summary}, {@code metrics} or an earlier table; {@code rename}
   * renames columns after the pivot and the published figures (absent ones are skipped; {@code
   * sort} uses the new names), {@code rows} are rows written in the report (column to value)
   * appended last, after the sort, and {@code note} is printed under the table; {@code columns}
   * puts the listed columns first, in that order (before the sort).
   */
  public record TableSpec(
      String name,
      String from,
      String source,
      Map<String, List<String>> where,
      List<String> select,
      List<String> groupBy,
      Map<String, List<String>> aggregate,
      Map<String, String> pivot,
      List<String> sort,
      Map<String, Object> reference,
      Map<String, String> rename,
      List<Map<String, Object>> rows,
      String note,
      List<String> columns) {

    /** A table without renames, written rows or note. */
    public TableSpec(
        String name,
        String from,
        String source,
        Map<String, List<String>> where,
        List<String> select,
        List<String> groupBy,
        Map<String, List<String>> aggregate,
        Map<String, String> pivot,
        List<String> sort,
        Map<String, Object> reference) {
      this(
          name, from, source, where, select, groupBy, aggregate, pivot, sort, reference, Map.of(),
          List.of(), null, List.of());
    }
  }

  /** A line, bar or scatter chart of columns of {@code from}. */
  public record ChartSpec(
      String name,
      String type,
      String from,
      String source,
      Map<String, List<String>> where,
      String x,
      List<String> y,
      String series,
      String title,
      String xLabel,
      String yLabel,
      boolean logY,
      List<HLine> hlines,
      Layout layout) {}

  /**
   * A line chart's layout and styling beyond its data: panels (explicit, or one per value of a
   * column), Gaussian smoothing of each line, series renamed and styled, another table drawn over
   * it (published values), the y range and a logarithmic x axis.
   */
  public record Layout(
      List<Panel> panels,
      String panelBy,
      String panelTitle,
      int columns,
      double smooth,
      Map<String, String> labels,
      Map<String, String> styles,
      Overlay overlay,
      List<Double> yRange,
      boolean logX) {
    /** One chart, default styles, nothing added. */
    public static final Layout PLAIN =
        new Layout(List.of(), null, null, 0, 0, Map.of(), Map.of(), null, List.of(), false);

    /** Whether the chart is drawn as several panels with one legend. */
    public boolean multiPanel() {
      return !panels.isEmpty() || panelBy != null;
    }
  }

  /**
   * One panel: its title, the rows it shows, and optionally its own y range and reference lines
   * (null: the chart's).
   */
  public record Panel(
      String title, Map<String, List<String>> where, List<Double> yRange, List<HLine> hlines) {}

  /**
   * The chart drawn again from the table {@code from} (same x, y, series and panels), each series
   * named with {@code suffix} and drawn in its measured series' colour with {@code style}'s line
   * and marker.
   */
  public record Overlay(String from, String suffix, String style) {}

  /**
   * A horizontal reference line at {@code y} across the chart, drawn in {@code style} (a
   * matplotlib-like format string, {@link LineStyle}), with a legend label (none when null).
   */
  public record HLine(double y, String style, String label) {}

  /**
   * A figure file each run wrote itself ({@code file}, relative to the run directory, a PNG; an SVG
   * of the same name beside it is linked), shown side by side, each captioned with the values of
   * the summary columns {@code caption}; {@code name} defaults to the file's name.
   */
  public record ImageSpec(
      String name, String source, String file, String title, List<String> caption) {}

  private static final List<String> TOP =
      List.of("title", "sources", "data", "tables", "charts", "images");
  private static final List<String> DATA = List.of("name", "columns", "rows");
  private static final List<String> PANEL = List.of("title", "where", "y_range", "hlines");
  private static final List<String> OVERLAY = List.of("from", "suffix", "style");
  private static final List<String> HLINE = List.of("y", "style", "label");
  private static final List<String> IMAGE = List.of("name", "source", "file", "title", "caption");
  private static final List<String> SOURCE = List.of("name", "glob", "where");
  private static final List<String> TABLE =
      List.of(
          "name",
          "from",
          "source",
          "where",
          "select",
          "group_by",
          "aggregate",
          "pivot",
          "sort",
          "reference",
          "rename",
          "rows",
          "note",
          "columns");
  private static final List<String> CHART =
      List.of(
          "name",
          "type",
          "from",
          "source",
          "where",
          "x",
          "y",
          "series",
          "title",
          "x_label",
          "y_label",
          "log_y",
          "hlines",
          "panels",
          "panel_title",
          "columns",
          "smooth",
          "labels",
          "styles",
          "overlay",
          "y_range",
          "log_x");
  static final List<String> AGGREGATES =
      List.of("mean", "std", "min", "max", "count", "median", "sum");
  static final List<String> CHART_TYPES = List.of("line", "bar", "scatter");

  /** Parses report YAML text ({@code name} stands for its source in error messages). */
  public static ReportSpec parse(String name, String yaml) {
    return parse(YamlReader.parse(name, new StringReader(yaml)));
  }

  /** Parses a report from its YAML tree. */
  public static ReportSpec parse(ConfigNode root) {
    return parse(root, true);
  }

  /**
   * Parses a report; without {@code needsSources} an absent {@code sources:} gives an empty list.
   */
  static ReportSpec parse(ConfigNode root, boolean needsSources) {
    Map<String, ConfigNode> top = mapping(root, "");
    keys(top, TOP, "");
    List<Source> sources = new ArrayList<>();
    for (ConfigNode n : list(top.get("sources"), "sources")) {
      Map<String, ConfigNode> m = mapping(n, "sources");
      keys(m, SOURCE, "sources");
      ConfigNode glob = require(m, "glob", n, "sources");
      List<String> globs =
          glob.isList() ? strings(glob, "sources.glob") : List.of(text(glob, "sources.glob"));
      sources.add(
          new Source(optText(m, "name", "runs"), globs, where(m.get("where"), "sources.where")));
    }
    if (sources.isEmpty() && needsSources) {
      throw new ConfigError(
          root.location(),
          "sources",
          "expected at least one source of runs, e.g. [{glob: 'runs/*'}]");
    }
    List<DataSpec> data = new ArrayList<>();
    for (ConfigNode n : list(top.get("data"), "data")) {
      data.add(dataSpec(n));
    }
    List<TableSpec> tables = new ArrayList<>();
    for (ConfigNode n : list(top.get("tables"), "tables")) {
      Map<String, ConfigNode> m = mapping(n, "tables");
      keys(m, TABLE, "tables");
      String name = text(require(m, "name", n, "tables"), "tables.name");
      String p = "tables." + name;
      Map<String, List<String>> aggregate = new LinkedHashMap<>();
      if (m.containsKey("aggregate")) {
        for (Map.Entry<String, ConfigNode> e :
            mapping(m.get("aggregate"), p + ".aggregate").entrySet()) {
          List<String> fns =
              e.getValue().isList()
                  ? strings(e.getValue(), p + ".aggregate")
                  : List.of(text(e.getValue(), p + ".aggregate"));
          for (String f : fns) {
            if (!AGGREGATES.contains(f)) {
              throw new ConfigError(
                  e.getValue().location(),
                  p + ".aggregate." + e.getKey(),
                  "unknown aggregate '"
                      + f
                      + "'"
                      + DidYouMean.hint(f, AGGREGATES)
                      + "; expected one of "
                      + String.join(", ", AGGREGATES));
            }
          }
          aggregate.put(e.getKey(), fns);
        }
      }
      Map<String, String> pivot = texts(m.get("pivot"), p + ".pivot");
      if (!pivot.isEmpty() && !pivot.keySet().containsAll(List.of("rows", "columns", "values"))) {
        throw new ConfigError(
            m.get("pivot").location(), p + ".pivot", "expected rows, columns and values");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> reference =
          m.containsKey("reference")
              ? (Map<String, Object>) mappingPlain(m.get("reference"), p + ".reference")
              : Map.of();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ConfigNode r : list(m.get("rows"), p + ".rows")) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : mapping(r, p + ".rows").entrySet()) {
          ConfigNode v = e.getValue();
          if (v.isMap() || v.isList()) {
            throw new ConfigError(
                v.location(), p + ".rows." + e.getKey(), "expected a number or a text value");
          }
          row.put(e.getKey(), v.value());
        }
        rows.add(row);
      }
      tables.add(
          new TableSpec(
              name,
              optText(m, "from", "summary"),
              optText(m, "source", null),
              where(m.get("where"), p + ".where"),
              optStrings(m, "select", p),
              optStrings(m, "group_by", p),
              aggregate,
              pivot,
              optStrings(m, "sort", p),
              reference,
              texts(m.get("rename"), p + ".rename"),
              List.copyOf(rows),
              optText(m, "note", null),
              optStrings(m, "columns", p)));
    }
    List<ChartSpec> charts = new ArrayList<>();
    for (ConfigNode n : list(top.get("charts"), "charts")) {
      Map<String, ConfigNode> m = mapping(n, "charts");
      keys(m, CHART, "charts");
      String name = text(require(m, "name", n, "charts"), "charts.name");
      String p = "charts." + name;
      String type = optText(m, "type", "line");
      if (!CHART_TYPES.contains(type)) {
        throw new ConfigError(
            m.get("type").location(),
            p + ".type",
            "expected line, bar or scatter, got '" + type + "'");
      }
      ConfigNode y = require(m, "y", n, p);
      List<String> ys = y.isList() ? strings(y, p + ".y") : List.of(text(y, p + ".y"));
      boolean logY = m.containsKey("log_y") && Boolean.TRUE.equals(m.get("log_y").value());
      List<HLine> hlines = hlines(m.get("hlines"), p + ".hlines");
      if (!hlines.isEmpty() && type.equals("bar")) {
        throw new ConfigError(
            m.get("hlines").location(),
            p + ".hlines",
            "reference lines are for line and scatter charts");
      }
      Layout layout = layout(m, p);
      if (layout != Layout.PLAIN && type.equals("bar")) {
        throw new ConfigError(
            n.location(),
            p,
            "panels, styles, overlays and smoothing are for line and scatter charts");
      }
      charts.add(
          new ChartSpec(
              name,
              type,
              optText(m, "from", "metrics"),
              optText(m, "source", null),
              where(m.get("where"), p + ".where"),
              text(require(m, "x", n, p), p + ".x"),
              ys,
              optText(m, "series", null),
              optText(m, "title", name),
              optText(m, "x_label", null),
              optText(m, "y_label", null),
              logY,
              hlines,
              layout));
    }
    List<ImageSpec> images = new ArrayList<>();
    for (ConfigNode n : list(top.get("images"), "images")) {
      Map<String, ConfigNode> m = mapping(n, "images");
      keys(m, IMAGE, "images");
      String file = text(require(m, "file", n, "images"), "images.file");
      // the name (a heading and an anchor) defaults to the file's: report/search.png is "search"
      String name =
          m.containsKey("name")
              ? text(m.get("name"), "images.name")
              : Path.of(file).getFileName().toString().replaceFirst("\\.png$", "");
      String p = "images." + name;
      if (!file.endsWith(".png")) {
        throw new ConfigError(m.get("file").location(), p + ".file", "expected a .png file name");
      }
      images.add(
          new ImageSpec(
              name,
              optText(m, "source", null),
              file,
              optText(m, "title", name),
              optStrings(m, "caption", p)));
    }
    String title = top.containsKey("title") ? text(top.get("title"), "title") : "Report";
    return new ReportSpec(title, sources, tables, charts, List.copyOf(images), List.copyOf(data));
  }

  private static DataSpec dataSpec(ConfigNode n) {
    Map<String, ConfigNode> m = mapping(n, "data");
    keys(m, DATA, "data");
    String name = text(require(m, "name", n, "data"), "data.name");
    String p = "data." + name;
    List<String> columns = strings(require(m, "columns", n, p), p + ".columns");
    List<List<Object>> rows = new ArrayList<>();
    for (ConfigNode r : list(require(m, "rows", n, p), p + ".rows")) {
      List<ConfigNode> cells = list(r, p + ".rows");
      if (cells.size() != columns.size()) {
        throw new ConfigError(
            r.location(),
            p + ".rows",
            "expected " + columns.size() + " values (one per column), got " + cells.size());
      }
      List<Object> row = new ArrayList<>();
      for (ConfigNode c : cells) {
        if (c.isMap() || c.isList()) {
          throw new ConfigError(c.location(), p + ".rows", "expected a number or a text value");
        }
        row.add(c.value());
      }
      rows.add(row);
    }
    return new DataSpec(name, columns, rows);
  }

  private static Layout layout(Map<String, ConfigNode> m, String p) {
    List<Panel> panels = new ArrayList<>();
    String panelBy = null;
    if (m.containsKey("panels")) {
      ConfigNode ps = m.get("panels");
      if (ps.isList()) {
        for (ConfigNode e : ps.list()) {
          Map<String, ConfigNode> pm = mapping(e, p + ".panels");
          keys(pm, PANEL, p + ".panels");
          panels.add(
              new Panel(
                  optText(pm, "title", ""),
                  where(pm.get("where"), p + ".panels.where"),
                  range(pm.get("y_range"), p + ".panels.y_range"),
                  pm.containsKey("hlines")
                      ? hlines(pm.get("hlines"), p + ".panels.hlines")
                      : null));
        }
        if (panels.isEmpty()) {
          throw new ConfigError(ps.location(), p + ".panels", "expected at least one panel");
        }
      } else {
        panelBy = text(ps, p + ".panels");
      }
    }
    int columns = 0;
    if (m.containsKey("columns")) {
      ConfigNode c = m.get("columns");
      if (!(c.value() instanceof Long l) || l < 1) {
        throw new ConfigError(c.location(), p + ".columns", "expected an integer >= 1");
      }
      columns = Math.toIntExact((Long) c.value());
    }
    double smooth = 0;
    if (m.containsKey("smooth")) {
      ConfigNode c = m.get("smooth");
      if (!(c.value() instanceof Number x) || !(x.doubleValue() >= 0)) {
        throw new ConfigError(
            c.location(), p + ".smooth", "expected a Gaussian sigma >= 0 (in points), e.g. 1");
      }
      smooth = ((Number) c.value()).doubleValue();
    }
    Map<String, String> styles = texts(m.get("styles"), p + ".styles");
    styles.forEach((k, v) -> style(v, m.get("styles").map().get(k), p + ".styles." + k));
    Overlay overlay = null;
    if (m.containsKey("overlay")) {
      ConfigNode o = m.get("overlay");
      Map<String, ConfigNode> om = mapping(o, p + ".overlay");
      keys(om, OVERLAY, p + ".overlay");
      String st = optText(om, "style", "o");
      style(st, om.get("style"), p + ".overlay.style");
      overlay =
          new Overlay(
              text(require(om, "from", o, p + ".overlay"), p + ".overlay.from"),
              optText(om, "suffix", " (published)"),
              st);
    }
    boolean logX = m.containsKey("log_x") && Boolean.TRUE.equals(m.get("log_x").value());
    Layout l =
        new Layout(
            List.copyOf(panels),
            panelBy,
            optText(m, "panel_title", null),
            columns,
            smooth,
            texts(m.get("labels"), p + ".labels"),
            styles,
            overlay,
            range(m.get("y_range"), p + ".y_range"),
            logX);
    return l.equals(Layout.PLAIN) ? Layout.PLAIN : l;
  }

  private static List<HLine> hlines(ConfigNode n, String path) {
    List<HLine> hlines = new ArrayList<>();
    for (ConfigNode e : list(n, path)) {
      Map<String, ConfigNode> hm = mapping(e, path);
      keys(hm, HLINE, path);
      ConfigNode y = require(hm, "y", e, path);
      if (!(y.value() instanceof Number)) {
        throw new ConfigError(y.location(), path + ".y", "expected a number");
      }
      String st = optText(hm, "style", "k:");
      style(st, hm.get("style"), path + ".style");
      hlines.add(new HLine(((Number) y.value()).doubleValue(), st, optText(hm, "label", null)));
    }
    return List.copyOf(hlines);
  }

  private static void style(String format, ConfigNode at, String path) {
    try {
      LineStyle.parse(format);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(at == null ? null : at.location(), path, e.getMessage());
    }
  }

  private static List<Double> range(ConfigNode n, String path) {
    if (n == null) {
      return List.of();
    }
    List<ConfigNode> l = list(n, path);
    if (l.size() != 2
        || !(l.get(0).value() instanceof Number a)
        || !(l.get(1).value() instanceof Number b)
        || !(a.doubleValue() < b.doubleValue())) {
      throw new ConfigError(n.location(), path, "expected [low, high] with low < high");
    }
    return List.of(a.doubleValue(), b.doubleValue());
  }

  private static Map<String, ConfigNode> mapping(ConfigNode n, String path) {
    if (n == null || !n.isMap()) {
      throw new ConfigError(n == null ? null : n.location(), path, "expected a mapping of keys");
    }
    return n.map();
  }

  private static Object mappingPlain(ConfigNode n, String path) {
    mapping(n, path);
    return n.plain();
  }

  private static void keys(Map<String, ConfigNode> m, List<String> allowed, String path) {
    for (Map.Entry<String, ConfigNode> e : m.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new ConfigError(
            e.getValue().keyLocation(),
            path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
            "unknown key"
                + DidYouMean.hint(e.getKey(), allowed)
                + "; expected one of "
                + String.join(", ", allowed));
      }
    }
  }

  private static List<ConfigNode> list(ConfigNode n, String path) {
    if (n == null) {
      return List.of();
    }
    if (!n.isList()) {
      throw new ConfigError(n.location(), path, "expected a list");
    }
    return n.list();
  }

  private static ConfigNode require(
      Map<String, ConfigNode> m, String key, ConfigNode owner, String path) {
    ConfigNode n = m.get(key);
    if (n == null) {
      throw new ConfigError(owner.location(), path + "." + key, "missing");
    }
    return n;
  }

  private static String text(ConfigNode n, String path) {
    if (n.isMap() || n.isList() || n.value() == null) {
      throw new ConfigError(n.location(), path, "expected a text value");
    }
    return String.valueOf(n.value());
  }

  private static String optText(Map<String, ConfigNode> m, String key, String def) {
    return m.containsKey(key) ? text(m.get(key), key) : def;
  }

  private static List<String> strings(ConfigNode n, String path) {
    return list(n, path).stream().map(x -> text(x, path)).toList();
  }

  private static List<String> optStrings(Map<String, ConfigNode> m, String key, String path) {
    if (!m.containsKey(key)) {
      return List.of();
    }
    ConfigNode n = m.get(key);
    return n.isList() ? strings(n, path + "." + key) : List.of(text(n, path + "." + key));
  }

  /** Column to accepted values: a value, or a list of values any of which matches. */
  private static Map<String, List<String>> where(ConfigNode n, String path) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (n != null) {
      mapping(n, path)
          .forEach(
              (k, v) -> {
                String p = path + "." + k;
                if (v.isList()) {
                  if (v.list().isEmpty()) {
                    throw new ConfigError(v.location(), p, "expected a value or a non-empty list");
                  }
                  out.put(k, v.list().stream().map(e -> text(e, p)).toList());
                } else {
                  out.put(k, List.of(text(v, p)));
                }
              });
    }
    return out;
  }

  private static Map<String, String> texts(ConfigNode n, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null) {
      mapping(n, path).forEach((k, v) -> out.put(k, text(v, path + "." + k)));
    }
    return out;
  }
}
