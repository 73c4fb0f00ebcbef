package org.mnist1d.workbench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/** Line charts with spreads, bar charts, matrix images and panel grids. */
class FigureHelpersTest {
  @TempDir Path tmp;

  @Test
  void lineChartCarriesErrorBarsDashesAndPoints() {
    double[] x = {0, 0.5, 1};
    XYChart c =
        LineChart.chart(
            "t",
            "x",
            "y",
            new LineChart.Lines()
                .add("mean", x, new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3})
                .dashed("dense", x, new double[] {2, 2, 2})
                .points("published", x, new double[] {1.1, 2.1, 2.9})
                .color("published", java.awt.Color.RED)
                .logY());
    assertEquals(java.awt.Color.RED, c.getSeriesMap().get("published").getMarkerColor());
    assertEquals(3, c.getSeriesMap().size());
    assertTrue(c.getStyler().isYAxisLogarithmic());
    assertEquals(0.3, c.getSeriesMap().get("mean").getExtraValues()[2]);
    assertEquals(
        org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter,
        c.getSeriesMap().get("published").getXYSeriesRenderStyle());
  }

  @Test
  void barChartChecksItsCategories() {
    CategoryChart c =
        BarChart.chart(
            "p",
            "probability",
            List.of("random", "lottery"),
            new BarChart.Bars().add("p2", new double[] {0.005, 0.009}, new double[] {1e-4, 2e-4}));
    assertEquals(1, c.getSeriesMap().size());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BarChart.chart(
                "p", "y", List.of("a"), new BarChart.Bars().add("s", new double[] {1, 2}, null)));
  }

  @Test
  void matrixImageDrawsZeroBlackAndOneWhite() {
    BufferedImage img = MatrixImage.of(new double[][] {{0, 1, 0.5}, {1, 0, 1}}, 4, 3, "mask");
    assertEquals(12, img.getWidth());
    assertEquals(6 + MatrixImage.TITLE_HEIGHT, img.getHeight());
    int top = MatrixImage.TITLE_HEIGHT;
    assertEquals(0x000000, img.getRGB(1, top + 1) & 0xFFFFFF);
    assertEquals(0xFFFFFF, img.getRGB(5, top + 1) & 0xFFFFFF);
    assertEquals(0xFFFFFF, img.getRGB(1, top + 4) & 0xFFFFFF);
    int grey = img.getRGB(9, top) & 0xFF;
    assertTrue(grey > 120 && grey < 135, "0.5 is mid grey: " + grey);
  }

  @Test
  void panelsTileImagesAndSavePng() throws Exception {
    BufferedImage a = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
    BufferedImage b = new BufferedImage(30, 5, BufferedImage.TYPE_INT_RGB);
    BufferedImage grid = Panels.grid(2, List.of(a, b, a));
    assertEquals(60, grid.getWidth());
    assertEquals(40, grid.getHeight());
    Path f = tmp.resolve("sub/grid.png");
    Panels.save(f, 3, List.of(a, b));
    BufferedImage back = ImageIO.read(f.toFile());
    assertEquals(60, back.getWidth());
    assertEquals(20, back.getHeight());
  }
}
