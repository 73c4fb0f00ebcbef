package org.mnist1d.workbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mnist1d.GaussianFilter;
import org.mnist1d.workbench.config.YamlReader;
import org.mnist1d.workbench.experiment.ConfigError;
import org.mnist1d.workbench.figures.LineStyle;
import tech.tablesaw.api.Table;

/**
 * Line charts with panels, smoothing, labels, styles, reference lines and a table drawn over them;
 * tables written in the report.
 */
class PanelChartsTest {
  @TempDir Path tmp;

  /** A fake sweep: pool x size runs with an accuracy curve each, and a width sweep's summaries. */
  private void fixtures() throws Exception {
    int k = 0;
    for (String pool : List.of("no_pool", "max_pool")) {
      for (int size : List.of(1000, 5000, 50000)) {
        Path d = Files.createDirectories(tmp.resolve("runs").resolve("p" + k++));
        Files.writeString(
            d.resolve("summary.json"),
            String.format(
                Locale.ROOT,
                "{\"status\":\"done\",\"params\":{\"pool\":\"%s\",\"train_size\":%d},\"results\":{\"test_acc\":%d}}",
                pool,
                size,
                k));
        StringBuilder m = new StringBuilder("step,test_acc\n");
        for (int s = 0; s <= 6; s++) {
          m.append(s * 100).append(',').append(s % 2 == 0 ? 50 + s : 40 + s + k).append('\n');
        }
        Files.writeString(d.resolve("metrics.csv"), m.toString());
      }
    }
    for (int w : List.of(300, 2, 47)) { // run order is not width order
      Path d = Files.createDirectories(tmp.resolve("runs").resolve("w" + w));
      Files.writeString(
          d.resolve("summary.json"),
          String.format(
              Locale.ROOT,
              "{\"status\":\"done\",\"params\":{\"model\":\"mlp\",\"width\":%d,\"label_noise\":0.15},"
                  + "\"results\":{\"train_error\":%s,\"test_error\":%s}}",
              w,
              w > 40 ? 0.0 : 60.0,
              50.0 - w / 10.0));
    }
  }

  private static ReportSpec spec(String yaml) {
    return ReportSpec.parse(YamlReader.parse("r.yaml", new StringReader(yaml)));
  }

  @Test
  void panelsPerValueSmoothedAndStyledWithOneLegend() throws Exception {
    fixtures();
    Report r =
        ReportBuilder.build(
            spec(
                String.join(
                    "\n",
                    "sources: [{glob: 'runs/p*'}]",
                    "charts:",
                    "  - name: pooling",
                    "    from: metrics",
                    "    x: step",
                    "    y: test_acc",
                    "    series: params.pool",
                    "    panels: params.train_size",
                    "    panel_title: 'train n = {}'",
                    "    smooth: 1",
                    "    styles: {no_pool: 'k-', max_pool: 'r--'}",
                    "")),
            tmp);
    Report.NamedChart c = r.charts().get(0);
    assertEquals(3, c.panels().size());
    assertEquals(
        List.of("train n = 1000", "train n = 5000", "train n = 50000"),
        c.panels().stream().map(p -> p.getTitle()).toList(),
        "numeric order, not text order");
    XYChart first = (XYChart) c.panels().get(0);
    XYSeries noPool = first.getSeriesMap().get("no_pool");
    double[] raw = {50, 42, 52, 44, 54, 46, 56}; // run p0: k = 1
    assertArrayEquals(GaussianFilter.filter(raw, 1), noPool.getYData(), 1e-12, "smoothed");
    assertEquals(java.awt.Color.BLACK, noPool.getLineColor());
    assertEquals(SeriesLines.DASH_DASH, first.getSeriesMap().get("max_pool").getLineStyle());
    assertEquals(List.of("no_pool", "max_pool"), c.legend().stream().map(e -> e.label()).toList());
    BufferedImage img = c.image();
    assertEquals(3 * first.getWidth(), img.getWidth(), "three panels in a row");
    assertTrue(img.getHeight() > first.getHeight(), "title and legend around them");
  }

  @Test
  void explicitPanelsOverlayAndReferenceLine() throws Exception {
    fixtures();
    Report r =
        ReportBuilder.build(
            spec(
                String.join(
                    "\n",
                    "sources: [{glob: 'runs/w*'}]",
                    "data:",
                    "  - name: published",
                    "    columns: [params.model, params.label_noise, params.width, results.test_error, results.train_error]",
                    "    rows:",
                    "      - [mlp, 0.15, 2, 69.59, 71.68]",
                    "      - [mlp, 0.15, 300, 45.47, 0.0]",
                    "      - [cnn, 0.15, 2, 61.2, 63.9]",
                    "tables:",
                    "  - {name: pub, from: published, where: {params.model: cnn}}",
                    "charts:",
                    "  - name: dd",
                    "    from: summary",
                    "    x: params.width",
                    "    y: [results.test_error, results.train_error]",
                    "    panels:",
                    "      - {title: MLP noisy, where: {params.model: mlp, params.label_noise: 0.15}, y_range: [0, 70]}",
                    "      - {title: CNN noisy, where: {params.model: cnn, params.label_noise: 0.15}}",
                    "      - {title: never ran, where: {params.model: gru}}",
                    "    labels: {results.test_error: test, results.train_error: train}",
                    "    styles: {test: 'b-', train: 'b--'}",
                    "    overlay: {from: published, style: 'o:'}",
                    "    hlines: [{y: 15, style: 'k:', label: '15% label noise'}]",
                    "")),
            tmp);
    Table pub = r.tables().get(0);
    assertEquals(1, pub.rowCount());
    assertEquals(61.2, pub.doubleColumn("results.test_error").get(0));
    Report.NamedChart c = r.charts().get(0);
    assertEquals(2, c.panels().size(), "the empty panel is left out; CNN has published values");
    XYChart mlp = (XYChart) c.panels().get(0);
    XYSeries test = mlp.getSeriesMap().get("test");
    assertArrayEquals(new double[] {2, 47, 300}, test.getXData(), 0.0, "sorted by x");
    assertArrayEquals(new double[] {49.8, 45.3, 20.0}, test.getYData(), 1e-12);
    XYSeries published = mlp.getSeriesMap().get("test (published)");
    assertArrayEquals(new double[] {69.59, 45.47}, published.getYData(), 0.0);
    assertEquals(test.getLineColor(), published.getLineColor(), "the measured series' colour");
    assertEquals(SeriesMarkers.CIRCLE, published.getMarker());
    assertEquals(SeriesLines.DOT_DOT, published.getLineStyle());
    assertEquals(70.0, mlp.getStyler().getYAxisMax());
    assertTrue(
        mlp.getSeriesMap().values().stream()
            .anyMatch(s -> s.getYData()[0] == 15 && s.getXData()[0] == 2 && s.getXData()[1] == 300),
        "the reference line spans the panel's x range");
    XYChart cnn = (XYChart) c.panels().get(1);
    assertEquals(
        List.of("test (published)", "train (published)"),
        List.copyOf(cnn.getSeriesMap().keySet()).subList(0, 2));
    assertEquals(
        List.of("test", "train", "test (published)", "train (published)", "15% label noise"),
        c.legend().stream().map(e -> e.label()).toList());
    Path html = ReportWriter.write(r, tmp.resolve("out"));
    assertTrue(Files.size(tmp.resolve("out/dd.png")) > 1000);
    assertTrue(Files.readString(html).contains("<h2>dd</h2>"));
    // the figure as vectors too: one SVG document as large as the PNG, the shared legend as text
    // (XChart draws its own titles and ticks as outlines)
    String svg = Files.readString(tmp.resolve("out/dd.svg"));
    javax.xml.parsers.DocumentBuilderFactory xml =
        javax.xml.parsers.DocumentBuilderFactory.newInstance();
    // the document names the SVG 1.1 DTD; nothing is fetched from the network
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    org.w3c.dom.Element root =
        xml.newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
    assertEquals("svg", root.getTagName());
    BufferedImage png = javax.imageio.ImageIO.read(tmp.resolve("out/dd.png").toFile());
    assertEquals(png.getWidth(), Double.parseDouble(root.getAttribute("width").replace("px", "")));
    for (String text : List.of("15% label noise", "train (published)")) {
      assertTrue(svg.contains(">" + text + "</text>"), text);
    }
    int panelPaths =
        c.panels().stream()
            .mapToInt(
                p -> org.mnist1d.workbench.figures.ChartImages.svg(p).split("<path", -1).length - 1)
            .sum();
    assertTrue(
        svg.split("<path", -1).length - 1 >= panelPaths,
        "every panel drawn as vectors: " + panelPaths + " paths in the panels' own SVGs");
    assertTrue(Files.readString(html).contains("dd.svg"), "the report links the SVG");
  }

  @Test
  void panelsNoRunMatchesAreDrawnEmptyAndSaidSo() throws Exception {
    fixtures();
    Report r =
        ReportBuilder.build(
            spec(
                String.join(
                    "\n",
                    "sources: [{glob: 'runs/p*'}]",
                    "charts:",
                    "  - name: sizes",
                    "    title: Accuracy",
                    "    from: metrics",
                    "    x: step",
                    "    y: test_acc",
                    "    series: params.pool",
                    "    panels:",
                    "      - {title: n = 2000, where: {params.train_size: 2000}}",
                    "      - {title: n = 20000, where: {params.train_size: 20000}}",
                    "")),
            tmp);
    Report.NamedChart c = r.charts().get(0);
    assertEquals(2, c.panels().size(), "both panels, empty");
    assertEquals("Accuracy (no runs for these panels)", c.title());
    assertTrue(c.image().getWidth() > 0);
  }

  @Test
  void pivotsOnNumericKeysKeepNumericOrderAndColumnsComeInTheGivenOrder() throws Exception {
    fixtures();
    Report r =
        ReportBuilder.build(
            spec(
                String.join(
                    "\n",
                    "sources: [{glob: 'runs/p*'}]",
                    "tables:",
                    "  - name: acc",
                    "    from: summary",
                    "    pivot: {rows: params.train_size, columns: params.pool, values: results.test_acc}",
                    "    columns: [params.train_size, no_pool, not_there]",
                    "    sort: [-params.train_size]",
                    "")),
            tmp);
    Table t = r.tables().get(0);
    assertEquals(List.of("params.train_size", "no_pool", "max_pool"), t.columnNames());
    assertEquals(50000.0, t.doubleColumn("params.train_size").get(0), "sorted as numbers");
    assertEquals(1000.0, t.doubleColumn("params.train_size").get(2));
    assertEquals(1.0, t.doubleColumn("no_pool").get(2)); // run p0: no_pool, 1000, k = 1
    assertEquals(4.0, t.doubleColumn("max_pool").get(2));
  }

  @Test
  void mistakesAreOneLineNamingTheKey() {
    ConfigError style =
        assertThrows(
            ConfigError.class,
            () ->
                spec("sources: [{glob: x}]\ncharts: [{name: c, x: a, y: b, styles: {s: 'k~'}}]\n"));
    assertTrue(
        style
            .getMessage()
            .startsWith("r.yaml:2:44: charts.c.styles.s: line style 'k~': unexpected '~'"),
        style.getMessage());
    ConfigError rows =
        assertThrows(
            ConfigError.class,
            () ->
                spec(
                    "sources: [{glob: x}]\ndata: [{name: d, columns: [a, b], rows: [[1, 2], [3]]}]\n"));
    assertTrue(
        rows.getMessage().contains("data.d.rows: expected 2 values (one per column), got 1"),
        rows.getMessage());
    ConfigError range =
        assertThrows(
            ConfigError.class,
            () -> spec("sources: [{glob: x}]\ncharts: [{name: c, x: a, y: b, y_range: [5, 1]}]\n"));
    assertTrue(
        range.getMessage().contains("charts.c.y_range: expected [low, high]"), range.getMessage());
    ConfigError bar =
        assertThrows(
            ConfigError.class,
            () ->
                spec(
                    "sources: [{glob: x}]\ncharts: [{name: c, type: bar, x: a, y: b, smooth: 1}]\n"));
    assertTrue(bar.getMessage().contains("for line and scatter charts"), bar.getMessage());
  }

  @Test
  void formatStringsParse() {
    LineStyle k = LineStyle.parse("k--");
    assertEquals(java.awt.Color.BLACK, k.color());
    assertEquals(SeriesLines.DASH_DASH, k.stroke());
    LineStyle o = LineStyle.parse("o");
    assertEquals(null, o.color());
    assertEquals(SeriesMarkers.CIRCLE, o.marker());
    assertEquals(SeriesLines.NONE, o.stroke(), "a marker alone draws points only");
    assertEquals(SeriesLines.DOT_DOT, LineStyle.parse("bo:").stroke());
    assertEquals(SeriesLines.DASH_DOT, LineStyle.parse("-.").stroke());
    assertEquals(SeriesMarkers.CIRCLE, LineStyle.parse("o-").marker());
  }
}
