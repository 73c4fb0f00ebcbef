package org.mnist1d.workbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Runs side by side: their params and results as a table, and each metric's curve per run. */
public final class Comparison {
  private Comparison() {}

  /** The params and results of {@code runs}: one row per key, one column per run. */
  public static Table sideBySide(List<Path> runs) {
    List<Map<String, Object>> rows = runs.stream().map(RunTables::summary).toList();
    Set<String> keys = new LinkedHashSet<>();
    keys.add("experiment");
    keys.add("status");
    rows.forEach(
        r ->
            r.keySet().stream()
                .filter(k -> k.startsWith("params.") || k.startsWith("results."))
                .forEach(keys::add));
    Table t = Table.create("comparison");
    StringColumn key = StringColumn.create("key");
    keys.forEach(key::append);
    t.addColumns(key);
    for (int i = 0; i < runs.size(); i++) {
      StringColumn c = StringColumn.create(uniqueName(t, runs.get(i).getFileName().toString()));
      for (String k : keys) {
        Object v = rows.get(i).get(k);
        c.append(v == null ? "" : v instanceof Double d ? format(d) : String.valueOf(v));
      }
      t.addColumns(c);
    }
    return t;
  }

  private static String uniqueName(Table t, String name) {
    String n = name;
    for (int k = 2; t.containsColumn(n); k++) {
      n = name + " (" + k + ")";
    }
    return n;
  }

  static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A report comparing {@code runs}: the side-by-side table and a chart per metric column. */
  public static Report of(List<Path> runs) {
    Table metrics = RunTables.metrics(runs);
    List<Report.NamedChart> charts = new ArrayList<>();
    if (metrics.columnCount() > 1) {
      String x = metrics.columnNames().get(1); // the first metrics column (after run) is the step
      for (String y : metrics.columnNames()) {
        if (y.equals("run")
            || y.equals(x)
            || y.startsWith("params.")
            || !(metrics.column(y) instanceof tech.tablesaw.api.NumericColumn<?>)) {
          continue;
        }
        ReportSpec.ChartSpec spec =
            new ReportSpec.ChartSpec(
                y,
                "line",
                "metrics",
                null,
                Map.of(),
                x,
                List.of(y),
                "run",
                y,
                null,
                null,
                false,
                List.of(),
                ReportSpec.Layout.PLAIN);
        charts.add(new Report.NamedChart(y, ReportBuilder.chart(spec, metrics)));
      }
    }
    return new Report(
        "Comparison of " + runs.size() + " runs", runs.size(), List.of(sideBySide(runs)), charts);
  }
}
