package org.mnist1d.workbench.kernel;

import org.mnist1d.workbench.report.TableFormats;
import tech.tablesaw.api.Table;

/**
 * A Tablesaw table as notebook output: its name as a caption, then the report's HTML table ({@link
 * TableFormats}: numbers rounded for reading, at most {@value #MAX_ROWS} rows), with Tablesaw's own
 * text rendering as the plain-text form.
 */
public final class TableHtml {
  private TableHtml() {}

  /** Rows shown before the table is cut. */
  public static final int MAX_ROWS = 50;

  /** The table as HTML with its text form as the fallback. */
  public static MimeBundle bundle(Table table) {
    return MimeBundle.html(
        html(table), table.rowCount() > MAX_ROWS ? table.print(MAX_ROWS) : table.printAll());
  }

  /** The HTML: caption (the table's name, if any), table, and how many rows were left out. */
  public static String html(Table table) {
    String name = table.name();
    String caption =
        name == null || name.isBlank() ? "" : "<p><b>" + TableFormats.escape(name) + "</b></p>\n";
    return caption + TableFormats.html(table, MAX_ROWS);
  }
}
