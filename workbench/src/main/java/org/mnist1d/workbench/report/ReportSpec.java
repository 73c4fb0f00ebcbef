package org.mnist1d.workbench.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.DidYouMean;
import org.mnist1d.workbench.config.ConfigNode;
import org.mnist1d.workbench.config.YamlReader;
import org.mnist1d.workbench.experiment.ConfigError;

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
 * <p>{@code from:} is {@code summary}, {@code metrics}, {@code file:NAME.csv} (the rows of a CSV
 * file each run wrote, e.g. {@code file:rounds.csv}) or an earlier table. {@code images:} are PNG
 * files the runs drew themselves (paths inside each run directory), shown after the charts.
 */
public record ReportSpec(
    String title,
    List<Source> sources,
    List<TableSpec> tables,
    List<ChartSpec> charts,
    List<ImageSpec> images) {

  /** The same tables, charts and images over other runs: one source named {@code runs}. */
  public ReportSpec over(List<String> globs) {
    return new ReportSpec(
        title, List.of(new Source("runs", List.copyOf(globs), Map.of())), tables, charts, images);
  }

  /** A PNG file a run wrote (path inside the run directory), shown with {@code title}. */
  public record ImageSpec(String file, String title) {}

  /** Run directories by glob (relative to the report's base directory), filtered on params. */
  public record Source(String name, List<String> globs, Map<String, String> where) {}

  /** A table computed from {@code summary}, {@code metrics}, {@code file:NAME} or a table. */
  public record TableSpec(
      String name,
      String from,
      String source,
      Map<String, String> where,
      List<String> select,
      List<String> groupBy,
      Map<String, List<String>> aggregate,
      Map<String, String> pivot,
      List<String> sort,
      Map<String, Object> reference) {}

  /** A line, bar or scatter chart of columns of {@code from}. */
  public record ChartSpec(
      String name,
      String type,
      String from,
      String source,
      Map<String, String> where,
      String x,
      List<String> y,
      String series,
      String title,
      String xLabel,
      String yLabel,
      boolean logY) {}

  private static final List<String> TOP = List.of("title", "sources", "tables", "charts", "images");
  private static final List<String> IMAGE = List.of("file", "title");
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
          "reference");
  private static final List<String> CHART =
      List.of(
          "name", "type", "from", "source", "where", "x", "y", "series", "title", "x_label",
          "y_label", "log_y");
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
      Map<String, String> pivot = where(m.get("pivot"), p + ".pivot");
      if (!pivot.isEmpty() && !pivot.keySet().containsAll(List.of("rows", "columns", "values"))) {
        throw new ConfigError(
            m.get("pivot").location(), p + ".pivot", "expected rows, columns and values");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> reference =
          m.containsKey("reference")
              ? (Map<String, Object>) mappingPlain(m.get("reference"), p + ".reference")
              : Map.of();
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
              reference));
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
              logY));
    }
    List<ImageSpec> images = new ArrayList<>();
    for (ConfigNode n : list(top.get("images"), "images")) {
      Map<String, ConfigNode> m = mapping(n, "images");
      keys(m, IMAGE, "images");
      String file = text(require(m, "file", n, "images"), "images.file");
      images.add(new ImageSpec(file, optText(m, "title", file)));
    }
    String title = top.containsKey("title") ? text(top.get("title"), "title") : "Report";
    return new ReportSpec(title, sources, tables, charts, images);
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

  private static Map<String, String> where(ConfigNode n, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null) {
      mapping(n, path).forEach((k, v) -> out.put(k, text(v, path + "." + k)));
    }
    return out;
  }
}
