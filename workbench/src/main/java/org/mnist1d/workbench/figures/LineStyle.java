package org.mnist1d.workbench.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Map;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.theme.XChartTheme;

/**
 * How one series is drawn: colour, line and marker, written as a matplotlib-like format string: an
 * optional colour letter ({@code k r g b c m y o}: black, red, green, blue, cyan, magenta, yellow,
 * orange), a line ({@code -} solid, {@code --} dashed, {@code :} dotted, {@code -.} dash-dot) and a
 * marker ({@code o} circle, {@code s} square, {@code ^} triangle, {@code d} diamond, {@code x}
 * cross), in any order: {@code k--}, {@code r-}, {@code bo:}, {@code o}. A marker without a line
 * draws points only; no colour leaves it to the chart.
 */
public record LineStyle(Color color, BasicStroke stroke, Marker marker) {
  private static final Map<Character, Color> COLORS =
      Map.of(
          'k', Color.BLACK,
          'r', new Color(214, 39, 40),
          'g', new Color(44, 160, 44),
          'b', new Color(31, 119, 180),
          'c', new Color(23, 190, 207),
          'm', new Color(200, 55, 190),
          'y', new Color(188, 189, 34));

  private static final Map<Character, Marker> MARKERS =
      Map.of(
          'o', SeriesMarkers.CIRCLE,
          's', SeriesMarkers.SQUARE,
          '^', SeriesMarkers.TRIANGLE_UP,
          'd', SeriesMarkers.DIAMOND,
          'x', SeriesMarkers.CROSS);

  /** The colour letters, line and marker characters a format string may use. */
  public static final String ALLOWED = "colours k r g b c m y; lines - -- : -.; markers o s ^ d x";

  /** A solid line without markers, in the chart's colour. */
  public static final LineStyle SOLID = new LineStyle(null, SeriesLines.SOLID, SeriesMarkers.NONE);

  /**
   * Parses a format string; an {@link IllegalArgumentException} names what is allowed. The letter
   * {@code o} is orange when it comes first and other characters follow, a circle marker otherwise.
   */
  public static LineStyle parse(String format) {
    String f = format.strip();
    Color color = null;
    if (!f.isEmpty() && COLORS.containsKey(f.charAt(0))) {
      color = COLORS.get(f.charAt(0));
      f = f.substring(1);
    }
    Marker marker = SeriesMarkers.NONE;
    StringBuilder line = new StringBuilder();
    for (char ch : f.toCharArray()) {
      if (MARKERS.containsKey(ch) && marker == SeriesMarkers.NONE) {
        marker = MARKERS.get(ch);
      } else if (ch == '-' || ch == ':' || ch == '.') {
        line.append(ch);
      } else {
        throw new IllegalArgumentException(
            "line style '" + format + "': unexpected '" + ch + "'; expected " + ALLOWED);
      }
    }
    BasicStroke stroke =
        switch (line.toString()) {
          case "" -> marker == SeriesMarkers.NONE ? SeriesLines.SOLID : SeriesLines.NONE;
          case "-" -> SeriesLines.SOLID;
          case "--" -> SeriesLines.DASH_DASH;
          case ":" -> SeriesLines.DOT_DOT;
          case "-." -> SeriesLines.DASH_DOT;
          default ->
              throw new IllegalArgumentException(
                  "line style '" + format + "': unknown line '" + line + "'; expected " + ALLOWED);
        };
    return new LineStyle(color, stroke, marker);
  }

  /** This style in {@code fallback} when it names no colour. */
  public LineStyle orColor(Color fallback) {
    return color != null ? this : new LineStyle(fallback, stroke, marker);
  }

  /** This style's line and marker in another colour. */
  public LineStyle withColor(Color c) {
    return new LineStyle(c, stroke, marker);
  }

  /** Draws {@code series} in this style. */
  public void applyTo(XYSeries series) {
    if (color != null) {
      series.setLineColor(color);
      series.setMarkerColor(color);
      series.setFillColor(color);
    }
    series.setLineStyle(stroke);
    series.setMarker(marker);
  }

  /** The {@code i}-th of the charts' default series colours (cycling). */
  public static Color defaultColor(int i) {
    Color[] colors = new XChartTheme().getSeriesColors();
    return colors[Math.floorMod(i, colors.length)];
  }
}
