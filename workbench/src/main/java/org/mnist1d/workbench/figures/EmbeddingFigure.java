package org.mnist1d.workbench.figures;

import java.util.Arrays;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A 2-D embedding (t-SNE) drawn as the paper draws it: one dot per point coloured by its class
 * ({@link FigureStyle#CLASS_COLORS}), equal scales on both axes, no axes, and each class's label
 * written at the median of its points.
 */
public final class EmbeddingFigure {
  private EmbeddingFigure() {}

  /** Width and height of the figure in pixels (square, so equal scales fill it). */
  public static final int SIZE = 620;

  /**
   * The figure of {@code y} (one row of two coordinates per point) with {@code labels} (0 to 9 for
   * digits; any classes >= 0), titled {@code title}.
   */
  public static XYChart draw(String title, double[][] y, int[] labels) {
    if (y.length != labels.length) {
      throw new IllegalArgumentException(y.length + " points but " + labels.length + " labels");
    }
    XYChart chart = FigureStyle.xyChart(SIZE, SIZE, title, "", "");
    XYStyler s = chart.getStyler();
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setLegendVisible(false);
    s.setAxisTicksVisible(false);
    s.setAxisTitlesVisible(false);
    s.setPlotGridLinesVisible(false);
    s.setAxisTicksLineVisible(false);
    s.setMarkerSize(y.length > 2000 ? 4 : 6);
    int classes = Arrays.stream(labels).max().orElse(-1) + 1;
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[] p : y) {
      for (int d = 0; d < 2; d++) {
        lo[d] = Math.min(lo[d], p[d]);
        hi[d] = Math.max(hi[d], p[d]);
      }
    }
    for (int c = 0; c < classes; c++) {
      int label = c;
      double[][] own = points(y, labels, label);
      if (own[0].length == 0) {
        continue;
      }
      XYSeries series = chart.addSeries(String.valueOf(c), own[0], own[1]);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(FigureStyle.classColor(c));
    }
    for (int c = 0; c < classes; c++) {
      double[][] own = points(y, labels, c);
      if (own[0].length > 0) {
        chart.addAnnotation(
            new AnnotationText(String.valueOf(c), median(own[0]), median(own[1]), false));
      }
    }
    // equal scales: both axes span the larger of the two ranges, centred on the data
    if (lo[0] <= hi[0]) {
      double half = 0.52 * Math.max(hi[0] - lo[0], hi[1] - lo[1]);
      half = half > 0 ? half : 1;
      double cx = (lo[0] + hi[0]) / 2;
      double cy = (lo[1] + hi[1]) / 2;
      s.setXAxisMin(cx - half);
      s.setXAxisMax(cx + half);
      s.setYAxisMin(cy - half);
      s.setYAxisMax(cy + half);
    }
    return chart;
  }

  /** The median of {@code v} (the mean of the two middle values for an even count). */
  public static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double[][] points(double[][] y, int[] labels, int label) {
    int n = 0;
    for (int l : labels) {
      n += l == label ? 1 : 0;
    }
    double[][] out = new double[2][n];
    for (int i = 0, k = 0; i < y.length; i++) {
      if (labels[i] == label) {
        out[0][k] = y[i][0];
        out[1][k] = y[i][1];
        k++;
      }
    }
    return out;
  }
}
