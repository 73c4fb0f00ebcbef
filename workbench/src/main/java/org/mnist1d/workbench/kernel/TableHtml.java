package org.mnist1d.workbench.kernel;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as an HTML table (header, at most {@value #MAX_ROWS} rows, a row count). */
public final class TableHtml {
  private TableHtml() {}

  /** Rows shown before the table is cut with a "... more rows" line. */
  public static final int MAX_ROWS = 50;

  /** The table as HTML with its text form as the fallback. */
  public static MimeBundle bundle(Table table) {
    return MimeBundle.html(html(table, MAX_ROWS), table.printAll());
  }

  /** An HTML {@code <table>} of the first {@code maxRows} rows, values as Tablesaw prints them. */
  public static String html(Table table, int maxRows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table class=\"dataframe\">\n");
    if (table.name() != null && !table.name().isBlank()) {
      sb.append("<caption>").append(escape(table.name())).append("</caption>\n");
    }
    sb.append("<thead><tr>");
    for (Column<?> c : table.columns()) {
      sb.append("<th>").append(escape(c.name())).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    int rows = Math.min(maxRows, table.rowCount());
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (Column<?> c : table.columns()) {
        sb.append("<td>").append(escape(c.getString(r))).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
    if (table.rowCount() > rows) {
      sb.append("<p>... ").append(table.rowCount() - rows).append(" more rows (")
          .append(table.rowCount()).append(" in all)</p>\n");
    }
    return sb.toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
