package org.mnist1d.workbench.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.mnist1d.io.AtomicFile;

/** Several figures (charts rendered as images, or images) laid out in a grid as one PNG. */
public final class Panels {
  private Panels() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * The images in rows of {@code columns}, left to right, top to bottom, on white; each cell is as
   * large as the largest image.
   */
  public static BufferedImage grid(int columns, List<BufferedImage> images) {
    if (images.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("a grid needs at least one image and one column");
    }
    int w = images.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
    int h = images.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
    int cols = Math.min(columns, images.size());
    int rows = (images.size() + cols - 1) / cols;
    BufferedImage out = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int i = 0; i < images.size(); i++) {
      g.drawImage(images.get(i), (i % cols) * w, (i / cols) * h, null);
    }
    g.dispose();
    return out;
  }

  /** Saves {@link #grid} of the images to {@code file} (PNG), atomically. */
  public static void save(Path file, int columns, List<BufferedImage> images) {
    byte[] png = ChartImages.png(grid(columns, images));
    try {
      AtomicFile.write(file, out -> out.write(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
