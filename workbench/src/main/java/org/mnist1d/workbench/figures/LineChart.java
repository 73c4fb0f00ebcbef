package org.mnist1d.workbench.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts of named (x, y) series saved as PNG, headless (the experiments' own figures). */
public final class LineChart {
  private LineChart() {}

  /** Named series of (x, y) points. */
  public static final class Lines {
    final Map<String, double[][]> series = new LinkedHashMap<>();

    /** Adds the series {@code name}; returns this for chaining. */
    public Lines add(String name, double[] x, double[] y) {
      series.put(name, new double[][] {x, y});
      return this;
    }
  }

  /** Saves a line chart of {@code lines} to {@code file} (a .png path). */
  public static void save(Path file, String title, String xTitle, String yTitle, Lines lines) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(640)
            .height(420)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendVisible(lines.series.size() > 1);
    chart.getStyler().setXAxisDecimalPattern("#.##");
    for (Map.Entry<String, double[][]> e : lines.series.entrySet()) {
      XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
      s.setMarker(SeriesMarkers.NONE);
    }
    try {
      Files.createDirectories(file.getParent());
      String name = file.getFileName().toString();
      Path tmp = file.resolveSibling("tmp-" + name);
      BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
