package org.mnist1d.workbench.experiment;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The run's {@code metrics.csv}: a header line, then one row per record, each appended and flushed
 * at once, so a process killed at any moment leaves every earlier row intact. Numbers are written
 * in Java's shortest round-trip form; a row never spans a partial write that a reader would take
 * for data (see {@link #open}: a torn last line is dropped on resume).
 */
public final class MetricsLog implements Closeable {
  private final Path file;
  private final List<String> columns;
  private final BufferedWriter out;
  private long rows;

  private MetricsLog(Path file, List<String> columns, BufferedWriter out, long rows) {
    this.file = file;
    this.columns = List.copyOf(columns);
    this.out = out;
    this.rows = rows;
  }

  /**
   * Opens {@code file} for appending rows with {@code columns}. A new file gets the header; an
   * existing one (a resumed run) must have the same header, and is cut back to {@code keepRows}
   * complete rows (the rows the resumed state had produced; later ones will be made again).
   */
  public static MetricsLog open(Path file, List<String> columns, long keepRows) throws IOException {
    String header = String.join(",", columns);
    long rows = 0;
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(header)) {
        throw new IOException(file + ": header is not '" + header + "'");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int complete =
          text.endsWith("\n") ? lines.size() : lines.size() - 1; // a torn last line is dropped
      long keep = Math.min(complete - 1, keepRows);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i <= keep; i++) {
        sb.append(lines.get(i)).append('\n');
      }
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
      rows = keep;
    } else {
      Files.writeString(file, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }
    BufferedWriter w =
        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return new MetricsLog(file, columns, w, rows);
  }

  /** Appends one row (values in column order) and flushes it to the file. */
  public void log(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "metrics row has " + values.length + " values for columns " + columns);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(format(values[i]));
    }
    sb.append('\n');
    try {
      out.write(sb.toString()); // one write, then flush: rows land whole
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows++;
  }

  static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d.isNaN() ? "NaN" : Double.toString(d);
    }
    if (v instanceof Float f) {
      return Double.toString(f.doubleValue());
    }
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Rows written so far (excluding the header). */
  public long rows() {
    return rows;
  }

  public List<String> columns() {
    return columns;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "MetricsLog[%s, %d rows]", file, rows);
  }
}
