package org.mnist1d.workbench.figures;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several XY charts drawn as one figure in the {@link FigureStyle}: a title, the panels in rows of
 * {@code columns}, and one legend for all of them below (the panels' own legends are hidden, so
 * every panel has the same plot size and a series keeps its colour and line across panels).
 */
public final class PanelFigure {
  private PanelFigure() {}

  /** One legend line: a label drawn beside a sample of its series' style. */
  public record Entry(String label, LineStyle style) {}

  private static final int TITLE_HEIGHT = 34;
  private static final int LEGEND_ROW = 22;

  /** The figure; panels keep their own size (take them alike). */
  public static BufferedImage draw(
      String title, List<XYChart> panels, int columns, List<Entry> legend) {
    Frame f = frame(title, panels, columns, legend);
    BufferedImage out = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      paint(g, f, title, panels);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The same figure as an SVG document: panels, title and legend as vectors. */
  public static String svg(String title, List<XYChart> panels, int columns, List<Entry> legend) {
    Frame f = frame(title, panels, columns, legend);
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g, f, title, panels);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Processors.get("svg")
          .getDocument(g.getCommands(), new PageSize(0, 0, f.width(), f.height()))
          .writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Where things go: the grid of panels, the title's height, the legend's rows. */
  private record Frame(
      int cols, int rows, int pw, int ph, int top, List<List<Entry>> legendRows, int height) {
    int width() {
      return cols * pw;
    }
  }

  private static Frame frame(String title, List<XYChart> panels, int columns, List<Entry> legend) {
    System.setProperty("java.awt.headless", "true");
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one panel");
    }
    int cols = Math.max(1, Math.min(columns, panels.size()));
    int rows = (panels.size() + cols - 1) / cols;
    int pw = panels.get(0).getWidth();
    int ph = panels.get(0).getHeight();
    List<List<Entry>> legendRows = legendRows(legend, cols * pw);
    int legendHeight = legendRows.isEmpty() ? 0 : legendRows.size() * LEGEND_ROW + 12;
    int top = title == null || title.isBlank() ? 0 : TITLE_HEIGHT;
    return new Frame(cols, rows, pw, ph, top, legendRows, top + rows * ph + legendHeight);
  }

  /** Draws the figure on {@code g} (a bitmap's or a vector document's). */
  private static void paint(Graphics2D g, Frame f, String title, List<XYChart> panels) {
    int width = f.width();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, f.height());
    if (f.top() > 0) {
      g.setColor(FigureStyle.INK);
      g.setFont(FigureStyle.TITLE_FONT);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(title, (width - fm.stringWidth(title)) / 2, 24);
    }
    for (int i = 0; i < panels.size(); i++) {
      XYChart p = panels.get(i);
      p.getStyler().setLegendVisible(false);
      Graphics2D cell =
          (Graphics2D)
              g.create((i % f.cols()) * f.pw(), f.top() + (i / f.cols()) * f.ph(), f.pw(), f.ph());
      try {
        p.paint(cell, f.pw(), f.ph());
      } finally {
        cell.dispose();
      }
    }
    int y = f.top() + f.rows() * f.ph() + 6;
    g.setFont(FigureStyle.LEGEND_FONT);
    FontMetrics fm = g.getFontMetrics();
    for (List<Entry> row : f.legendRows()) {
      int rowWidth = row.stream().mapToInt(e -> entryWidth(e, fm)).sum();
      int x = (width - rowWidth) / 2;
      for (Entry e : row) {
        sample(g, e.style(), x, y + LEGEND_ROW / 2);
        g.setColor(FigureStyle.INK);
        g.drawString(e.label(), x + 34, y + LEGEND_ROW / 2 + fm.getAscent() / 2 - 1);
        x += entryWidth(e, fm);
      }
      y += LEGEND_ROW;
    }
  }

  private static int entryWidth(Entry e, FontMetrics fm) {
    return 34 + fm.stringWidth(e.label()) + 18;
  }

  /** Legend entries in rows that fit {@code width} (measured in the legend font). */
  private static List<List<Entry>> legendRows(List<Entry> legend, int width) {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    g.setFont(FigureStyle.LEGEND_FONT);
    FontMetrics fm = g.getFontMetrics();
    List<List<Entry>> rows = new ArrayList<>();
    List<Entry> row = new ArrayList<>();
    int used = 0;
    for (Entry e : legend) {
      int w = entryWidth(e, fm);
      if (!row.isEmpty() && used + w > width - 20) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(e);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    g.dispose();
    return rows;
  }

  /** A 28-pixel sample of the style's line (and a marker in its middle) at (x, y). */
  private static void sample(Graphics2D g, LineStyle s, int x, int y) {
    Color c = s.color() == null ? FigureStyle.INK : s.color();
    g.setColor(c);
    BasicStroke stroke = s.stroke();
    if (stroke != null && stroke != SeriesLines.NONE) {
      g.setStroke(stroke);
      g.drawLine(x, y, x + 28, y);
    }
    if (s.marker() != null && s.marker() != SeriesMarkers.NONE) {
      g.setStroke(new BasicStroke(1f));
      s.marker().paint(g, x + 14, y, 8);
    }
  }
}
