package org.mnist1d.workbench.experiments.lottery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small CSV file the experiment writes beside metrics.csv ({@code rounds.csv}, {@code
 * adjacency.csv}, ...): a header, then rows appended one at a time, each a whole line. A resumed
 * run first cuts it back to the rows its checkpoint had.
 */
final class CsvTable {
  private final Path file;
  private final List<String> columns;

  private CsvTable(Path file, List<String> columns) {
    this.file = file;
    this.columns = List.copyOf(columns);
  }

  /** Opens {@code file} keeping its first {@code keepRows} rows (a new file gets the header). */
  static CsvTable open(Path file, List<String> columns, int keepRows) throws IOException {
    String header = String.join(",", columns);
    List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    List<String> kept = new ArrayList<>();
    kept.add(header);
    if (!lines.isEmpty() && lines.get(0).equals(header)) {
      kept.addAll(lines.subList(1, (int) Math.min(lines.size(), keepRows + 1L)));
    }
    Files.writeString(file, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
    return new CsvTable(file, columns);
  }

  /** Writes a whole table at once. */
  static void write(Path file, List<String> columns, List<List<Object>> rows) throws IOException {
    CsvTable t = open(file, columns, 0);
    for (List<Object> r : rows) {
      t.append(r.toArray());
    }
  }

  /** Appends one row (values in column order). */
  void append(Object... values) throws IOException {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " values for columns " + columns);
    }
    String line =
        java.util.Arrays.stream(values).map(CsvTable::format).collect(Collectors.joining(","));
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static String format(Object v) {
    return v instanceof Double d ? (d.isNaN() ? "NaN" : Double.toString(d)) : String.valueOf(v);
  }

  /** The rows of a CSV file as maps from column to text, in order. */
  static List<Map<String, String>> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Map<String, String>> out = new ArrayList<>();
    if (lines.isEmpty()) {
      return out;
    }
    String[] head = lines.get(0).split(",", -1);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < head.length && i < cells.length; i++) {
        row.put(head[i], cells[i]);
      }
      out.add(row);
    }
    return out;
  }
}
