package org.mnist1d.workbench.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * Bar charts of named series over categories in the {@link FigureStyle}, with optional error bars,
 * headless.
 */
public final class BarChart {
  private BarChart() {}

  /** Named series of one value (and an optional error) per category. */
  public static final class Bars {
    final Map<String, double[][]> series = new LinkedHashMap<>();

    /** Adds the series {@code name}: one value per category, errors or null. */
    public Bars add(String name, double[] values, double[] errors) {
      series.put(name, new double[][] {values, errors});
      return this;
    }
  }

  /** The chart of {@code bars} over {@code categories}, to save or to place in {@link Panels}. */
  public static CategoryChart chart(
      String title, String yTitle, List<String> categories, Bars bars) {
    CategoryChart chart = FigureStyle.categoryChart(360, 320, title, null, yTitle);
    chart.getStyler().setLegendVisible(bars.series.size() > 1);
    chart.getStyler().setYAxisDecimalPattern("0.####");
    for (Map.Entry<String, double[][]> e : bars.series.entrySet()) {
      double[] v = e.getValue()[0];
      double[] err = e.getValue()[1];
      if (v.length != categories.size()) {
        throw new IllegalArgumentException(
            e.getKey() + ": " + v.length + " values for " + categories.size() + " categories");
      }
      List<Double> values = java.util.Arrays.stream(v).boxed().toList();
      if (err == null) {
        chart.addSeries(e.getKey(), categories, values);
      } else {
        chart.addSeries(
            e.getKey(), categories, values, java.util.Arrays.stream(err).boxed().toList());
      }
    }
    chart.getStyler().setErrorBarsColorSeriesColor(false);
    return chart;
  }
}
