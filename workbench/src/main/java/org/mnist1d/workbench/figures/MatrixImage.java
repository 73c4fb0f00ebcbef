package org.mnist1d.workbench.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A matrix drawn as a grey-scale image, as matplotlib's {@code imshow(m, cmap='gray')} with values
 * in [0, 1]: 0 black, 1 white, each entry a block of pixels, row 0 at the top, with a title above.
 */
public final class MatrixImage {
  private MatrixImage() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Height of the title strip in pixels. */
  static final int TITLE_HEIGHT = 22;

  /** {@code m} (rows of equal length, values clipped to [0, 1]) with {@code cell} pixels each. */
  public static BufferedImage of(double[][] m, int cellWidth, int cellHeight, String title) {
    int rows = m.length;
    int cols = m[0].length;
    BufferedImage img =
        new BufferedImage(
            cols * cellWidth, rows * cellHeight + TITLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), TITLE_HEIGHT);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = (float) Math.max(0, Math.min(1, m[r][c]));
        g.setColor(new Color(v, v, v));
        g.fillRect(c * cellWidth, TITLE_HEIGHT + r * cellHeight, cellWidth, cellHeight);
      }
    }
    g.setColor(Color.BLACK);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(title, 4, TITLE_HEIGHT - 6);
    g.dispose();
    return img;
  }
}
