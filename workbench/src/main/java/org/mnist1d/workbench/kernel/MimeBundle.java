package org.mnist1d.workbench.kernel;

import java.awt.image.RenderedImage;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mnist1d.workbench.figures.ChartImages;
import tech.tablesaw.api.Table;

/**
 * What a notebook shows for one output: the same content in one or more MIME types ({@code
 * text/plain}, {@code text/html}, {@code image/png} and {@code image/gif} as base64, {@code
 * image/svg+xml}), from which the front end picks the richest it can show.
 */
public record MimeBundle(Map<String, String> data) {

  public static final String TEXT = "text/plain";
  public static final String HTML = "text/html";
  public static final String MARKDOWN = "text/markdown";
  public static final String PNG = "image/png";
  public static final String SVG = "image/svg+xml";
  public static final String GIF = "image/gif";

  public MimeBundle {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    if (!data.containsKey(TEXT)) {
      throw new IllegalArgumentException("a display needs a text/plain fallback");
    }
  }

  /** Plain text. */
  public static MimeBundle text(String text) {
    return new MimeBundle(Map.of(TEXT, text));
  }

  /** HTML, with {@code fallback} for front ends that show only text. */
  public static MimeBundle html(String html, String fallback) {
    return ordered(HTML, html, fallback);
  }

  /** Markdown, with its source as the text fallback. */
  public static MimeBundle markdown(String markdown) {
    return ordered(MARKDOWN, markdown, markdown);
  }

  /** A PNG image from its bytes. */
  public static MimeBundle png(byte[] png) {
    return ordered(
        PNG, Base64.getEncoder().encodeToString(png), "<PNG image, " + png.length + " bytes>");
  }

  /**
   * A GIF image (an animation) from its bytes, with an HTML {@code <img>} of the same data for
   * front ends that show HTML but not GIF outputs.
   */
  public static MimeBundle gif(byte[] gif) {
    String base64 = Base64.getEncoder().encodeToString(gif);
    Map<String, String> m = new LinkedHashMap<>();
    m.put(GIF, base64);
    m.put(HTML, "<img src=\"data:image/gif;base64," + base64 + "\">");
    m.put(TEXT, "<GIF image, " + gif.length + " bytes>");
    return new MimeBundle(m);
  }

  /** An SVG image from its XML source. */
  public static MimeBundle svg(String svg) {
    return ordered(SVG, svg, "<SVG image>");
  }

  /**
   * How {@code display(value)} and a cell's last expression show a value: bundles as they are,
   * Tablesaw tables as HTML tables, XChart charts and images as PNG, anything else as its text.
   */
  public static MimeBundle of(Object value) {
    if (value instanceof MimeBundle b) {
      return b;
    } else if (value instanceof Table t) {
      return TableHtml.bundle(t);
    } else if (value instanceof Chart<?, ?> c) {
      return png(ChartImages.png(c));
    } else if (value instanceof RenderedImage img) {
      return png(ChartImages.png(img));
    }
    return text(String.valueOf(value));
  }

  private static MimeBundle ordered(String type, String content, String fallback) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(type, content);
    m.put(TEXT, fallback);
    return new MimeBundle(m);
  }
}
