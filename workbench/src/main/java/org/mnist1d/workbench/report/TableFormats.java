package org.mnist1d.workbench.report;

import java.math.BigDecimal;
import java.math.MathContext;
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
    int rows = Math.min(maxRows, t.rowCount());
    int[] decimals = decimals(t, rows);
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (int i = 0; i < t.columnCount(); i++) {
        Column<?> c = t.column(i);
        boolean num = c instanceof NumericColumn<?>;
        sb.append(num ? "<td class=\"num\">" : "<td>")
            .append(escape(cell(c, r, decimals[i])))
            .append("</td>");
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
    int[] decimals = decimals(t, t.rowCount());
    for (int r = 0; r < t.rowCount(); r++) {
      sb.append('|');
      for (int i = 0; i < t.columnCount(); i++) {
        sb.append(' ').append(cell(t.column(i), r, decimals[i]).replace("|", "\\|")).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Decimals per column over its first {@code rows} rows: enough for 4 significant digits of every
   * value (at most 1 from 1000 up), the same for the whole column so that figures line up.
   */
  static int[] decimals(Table t, int rows) {
    int[] out = new int[t.columnCount()];
    for (int i = 0; i < out.length; i++) {
      if (t.column(i) instanceof NumericColumn<?> n) {
        for (int r = 0; r < rows; r++) {
          if (!n.isMissing(r)) {
            out[i] = Math.max(out[i], decimals(n.getDouble(r)));
          }
        }
      }
    }
    return out;
  }

  private static int decimals(double v) {
    if (!Double.isFinite(v) || v == Math.rint(v)) {
      return 0;
    }
    String s =
        new BigDecimal(v)
            .round(new MathContext(Math.abs(v) >= 1000 ? 16 : 4))
            .stripTrailingZeros()
            .toPlainString();
    int dot = s.indexOf('.');
    return Math.min(Math.abs(v) >= 1000 ? 1 : 8, dot < 0 ? 0 : s.length() - dot - 1);
  }

  /** One cell as text: a number with {@code decimals} decimals, a missing value as empty. */
  static String cell(Column<?> c, int row, int decimals) {
    if (c.isMissing(row)) {
      return "";
    }
    if (c instanceof NumericColumn<?> n) {
      double v = n.getDouble(row);
      return Double.isFinite(v)
          ? String.format(Locale.ROOT, "%." + decimals + "f", v)
          : String.valueOf(v);
    }
    return c.getString(row);
  }

  /** Text escaped for HTML. */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
