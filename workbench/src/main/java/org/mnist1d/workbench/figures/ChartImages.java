package org.mnist1d.workbench.figures;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mnist1d.io.AtomicFile;

/**
 * XChart charts and Java images encoded as PNG bytes or SVG text, in memory, headless; {@link
 * #save} writes a chart as both files.
 */
public final class ChartImages {
  private ChartImages() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** The chart as PNG bytes at its own size. */
  public static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chart rendered as an image at its own size. */
  public static java.awt.image.BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /** The chart as an SVG document. */
  public static String svg(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code chart} to {@code png} (a path ending in .png) and, beside it, the same chart as
   * SVG ({@code name.svg}), each written whole or not at all; returns the SVG's path.
   */
  public static Path save(Path png, Chart<?, ?> chart) {
    String name = png.getFileName().toString();
    if (!name.endsWith(".png")) {
      throw new IllegalArgumentException("expected a .png path, got " + png);
    }
    Path svg = png.resolveSibling(name.substring(0, name.length() - 4) + ".svg");
    byte[] pngBytes = png(chart);
    byte[] svgBytes = svg(chart).getBytes(StandardCharsets.UTF_8);
    try {
      if (png.getParent() != null) {
        Files.createDirectories(png.getParent());
      }
      AtomicFile.write(png, out -> out.write(pngBytes));
      AtomicFile.write(svg, out -> out.write(svgBytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return svg;
  }

  /** An image as PNG bytes. */
  public static byte[] png(RenderedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
