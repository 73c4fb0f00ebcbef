package org.mnist1d.workbench.report;

import java.util.Locale;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as HTML and Markdown, numbers rounded for reading (CSV keeps full precision). */
public final class TableFormats {
  private TableFormats() {}

  /** An HTML {@code <table>} of at most {@code maxRows} rows. */
  public static String html(Table t, int maxRows) {
    StringBuilder sb = new StringBuilder("<table class=\"wb-table\">\n<thead><tr>");
    for (String c : t.columnNames()) {
      sb.append("<th>").append(escape(c)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (int r = 0; r < Math.min(maxRows, t.rowCount()); r++) {
      sb.append("<tr>");
      for (Column<?> c : t.columns()) {
        boolean num = c instanceof NumericColumn<?>;
        sb.append(num ? "<td class=\"num\">" : "<td>").append(escape(cell(c, r))).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n");
    if (t.rowCount() > maxRows) {
      sb.append("<p class=\"more\">").append(t.rowCount() - maxRows).append(" more rows</p>\n");
    }
    return sb.toString();
  }

  /** A Markdown pipe table. */
  public static String markdown(Table t) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : t.columnNames()) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    sb.append("\n|");
    for (Column<?> c : t.columns()) {
      sb.append(c instanceof NumericColumn<?> ? "---:|" : "---|");
    }
    sb.append('\n');
    for (int r = 0; r < t.rowCount(); r++) {
      sb.append('|');
      for (Column<?> c : t.columns()) {
        sb.append(' ').append(cell(c, r).replace("|", "\\|")).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** One cell as text: numbers with 4 significant decimals, missing as empty. */
  public static String cell(Column<?> c, int row) {
    if (c.isMissing(row)) {
      return "";
    }
    if (c instanceof NumericColumn<?> n) {
      double v = n.getDouble(row);
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        return String.valueOf((long) v);
      }
      return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.1f" : "%.4g", v);
    }
    return c.getString(row);
  }

  /** Text escaped for HTML. */
  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
