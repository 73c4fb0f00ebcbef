package org.mnist1d.workbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mnist1d.workbench.base.UserError;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Run directories as Tablesaw tables: {@code summary} has one row per run (run, status, experiment,
 * {@code params.*}, {@code results.*} flattened), {@code metrics} every row of every run's
 * metrics.csv with the run's name and params beside it.
 */
public final class RunTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunTables() {}

  /**
   * Run directories matching {@code glob} under {@code base}: a directory, or a last-segment glob.
   */
  public static List<Path> find(Path base, String glob) {
    Path pattern = base.resolve(glob).normalize();
    if (Files.isDirectory(pattern)) {
      return Files.exists(pattern.resolve("summary.json"))
          ? List.of(pattern)
          : children(pattern, "*");
    }
    Path parent = pattern.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return List.of();
    }
    return children(parent, pattern.getFileName().toString());
  }

  private static List<Path> children(Path dir, String glob) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      for (Path p : s) {
        if (Files.isRegularFile(p.resolve("summary.json"))) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  /** The flattened summary.json of a run, with its directory name as {@code run}. */
  public static Map<String, Object> summary(Path run) {
    JsonNode n;
    try {
      n = JSON.readTree(run.resolve("summary.json").toFile());
    } catch (IOException e) {
      throw new UserError(
          run.resolve("summary.json")
              + ": not valid JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("run", run.getFileName().toString());
    flatten("", n, row);
    return row;
  }

  private static void flatten(String prefix, JsonNode n, Map<String, Object> out) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (n.isIntegralNumber() && n.canConvertToLong()) {
      out.put(prefix, n.asLong()); // seeds, step and parameter counts stay integers
    } else if (n.isNumber()) {
      out.put(prefix, n.asDouble());
    } else if (!n.isNull() && !n.isArray()) {
      out.put(prefix, n.asText());
    }
  }

  /**
   * One row per run; integers become long columns, other numbers double columns, anything else
   * text.
   */
  public static Table summaries(List<Path> runs) {
    List<Map<String, Object>> rows = runs.stream().map(RunTables::summary).toList();
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    Table t = Table.create("summary");
    for (String c : columns) {
      boolean integral = rows.stream().allMatch(r -> r.get(c) == null || r.get(c) instanceof Long);
      boolean numeric = rows.stream().allMatch(r -> r.get(c) == null || r.get(c) instanceof Number);
      if (integral && rows.stream().anyMatch(r -> r.get(c) != null)) {
        LongColumn col = LongColumn.create(c);
        rows.forEach(
            r -> {
              if (r.get(c) == null) {
                col.appendMissing();
              } else {
                col.append((Long) r.get(c));
              }
            });
        t.addColumns(col);
      } else if (numeric) {
        DoubleColumn col = DoubleColumn.create(c);
        rows.forEach(
            r -> col.append(r.get(c) == null ? Double.NaN : ((Number) r.get(c)).doubleValue()));
        t.addColumns(col);
      } else {
        StringColumn col = StringColumn.create(c);
        rows.forEach(r -> col.append(r.get(c) == null ? "" : String.valueOf(r.get(c))));
        t.addColumns(col);
      }
    }
    return t;
  }

  /** Every metrics row of every run, with {@code run} and the run's {@code params.*} columns. */
  public static Table metrics(List<Path> runs) {
    return csvFiles(runs, "metrics.csv");
  }

  /**
   * Every row of the CSV file {@code name} (a path inside each run directory, e.g. {@code
   * rounds.csv}) of every run that has it, with {@code run} and the run's {@code params.*} columns.
   */
  public static Table csvFiles(List<Path> runs, String name) {
    String tableName = name.replaceAll("\\.csv$", "");
    Table all = null;
    for (Path run : runs) {
      Path csv = run.resolve(name);
      if (!Files.isRegularFile(csv)) {
        continue;
      }
      Table t;
      try {
        String text = Files.readString(csv);
        if (!text.endsWith("\n")) {
          text =
              text.substring(
                  0, text.lastIndexOf('\n') + 1); // a torn last row (run killed mid-write)
        }
        if (text.lines().count() < 2) {
          continue;
        }
        t =
            Table.read()
                .usingOptions(CsvReadOptions.builderFromString(text).tableName(tableName).build());
      } catch (IOException | RuntimeException e) {
        throw new UserError(csv + ": not a readable CSV table (" + e.getMessage() + ")");
      }
      Table numeric = Table.create(tableName);
      for (var c : t.columns()) {
        numeric.addColumns(
            c.type() == ColumnType.STRING || c.type() == ColumnType.BOOLEAN
                ? c.copy()
                : toDouble(t, c.name()));
      }
      Map<String, Object> summary = summary(run);
      StringColumn runColumn = StringColumn.create("run");
      for (int i = 0; i < numeric.rowCount(); i++) {
        runColumn.append(run.getFileName().toString());
      }
      numeric.insertColumn(0, runColumn);
      summary.forEach(
          (k, v) -> {
            if (k.startsWith("params.")) {
              StringColumn p = StringColumn.create(k);
              for (int i = 0; i < numeric.rowCount(); i++) {
                p.append(
                    v instanceof Double d && d == Math.rint(d)
                        ? String.valueOf(d.longValue())
                        : String.valueOf(v));
              }
              numeric.addColumns(p);
            }
          });
      all = all == null ? numeric : union(all, numeric);
    }
    return all == null ? Table.create(tableName) : all;
  }

  private static DoubleColumn toDouble(Table t, String name) {
    DoubleColumn d = DoubleColumn.create(name);
    var c = t.column(name);
    for (int i = 0; i < c.size(); i++) {
      Object v = c.get(i);
      d.append(v == null ? Double.NaN : ((Number) v).doubleValue());
    }
    return d;
  }

  /** Row union of tables whose columns may differ (missing cells stay empty). */
  private static Table union(Table a, Table b) {
    for (var c : b.columns()) {
      if (!a.containsColumn(c.name())) {
        a.addColumns(emptyLike(c, a.rowCount()));
      }
    }
    for (var c : a.columns()) {
      if (!b.containsColumn(c.name())) {
        b.addColumns(emptyLike(c, b.rowCount()));
      }
    }
    return a.append(b.selectColumns(a.columnNames().toArray(new String[0])));
  }

  private static tech.tablesaw.columns.Column<?> emptyLike(
      tech.tablesaw.columns.Column<?> c, int rows) {
    tech.tablesaw.columns.Column<?> e = c.emptyCopy();
    for (int i = 0; i < rows; i++) {
      e.appendMissing();
    }
    return e;
  }
}
