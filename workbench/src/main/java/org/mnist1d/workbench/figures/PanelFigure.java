package org.mnist1d.workbench.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
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
    System.setProperty("java.awt.headless", "true");
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one panel");
    }
    int cols = Math.max(1, Math.min(columns, panels.size()));
    int rows = (panels.size() + cols - 1) / cols;
    int pw = panels.get(0).getWidth();
    int ph = panels.get(0).getHeight();
    int width = cols * pw;
    List<List<Entry>> legendRows = legendRows(legend, width);
    int legendHeight = legendRows.isEmpty() ? 0 : legendRows.size() * LEGEND_ROW + 12;
    int top = title == null || title.isBlank() ? 0 : TITLE_HEIGHT;
    BufferedImage out =
        new BufferedImage(width, top + rows * ph + legendHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      if (top > 0) {
        g.setColor(FigureStyle.INK);
        g.setFont(FigureStyle.TITLE_FONT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2, 24);
      }
      for (int i = 0; i < panels.size(); i++) {
        XYChart p = panels.get(i);
        p.getStyler().setLegendVisible(false);
        g.drawImage(
            BitmapEncoder.getBufferedImage(p), (i % cols) * pw, top + (i / cols) * ph, null);
      }
      int y = top + rows * ph + 6;
      g.setFont(FigureStyle.LEGEND_FONT);
      FontMetrics fm = g.getFontMetrics();
      for (List<Entry> row : legendRows) {
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
    } finally {
      g.dispose();
    }
    return out;
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
