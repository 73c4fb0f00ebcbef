package org.mnist1d.workbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.config.YamlReader;
import org.mnist1d.workbench.experiment.ConfigError;
import tech.tablesaw.api.Table;

/** Reports built from fixture run directories: tables, charts, files, and the page in a browser. */
class ReportTest {
  @TempDir Path tmp;

  /** A fake finished run: summary with params and results, and a metrics curve. */
  private void run(String name, String model, boolean shuffle, double acc, int seed)
      throws Exception {
    Path d = Files.createDirectories(tmp.resolve("runs").resolve(name));
    Files.writeString(
        d.resolve("summary.json"),
        String.format(
            Locale.ROOT,
            "{\"status\":\"done\",\"experiment\":\"classification\",\"params\":{\"model\":\"%s\",\"shuffle\":%s,\"seed\":%d},"
                + "\"results\":{\"test_acc\":%s,\"nested\":{\"x\":1}}}",
            model,
            shuffle,
            seed,
            acc,
            seed));
    StringBuilder m = new StringBuilder("step,test_acc\n");
    for (int s = 0; s <= 4; s++) {
      m.append(s * 10).append(',').append(acc * s / 4).append('\n');
    }
    Files.writeString(d.resolve("metrics.csv"), m.toString());
  }

  private void fixtures() throws Exception {
    run("a", "mlp", false, 66.0, 1);
    run("b", "mlp", false, 68.0, 2);
    run("c", "mlp", true, 65.0, 1);
    run("d", "cnn", false, 93.0, 1);
    run("e", "cnn", true, 57.0, 1);
    Files.createDirectories(tmp.resolve("runs").resolve("not-a-run"));
  }

  private static ReportSpec spec(String yaml) {
    return ReportSpec.parse(YamlReader.parse("r.yaml", new StringReader(yaml)));
  }

  private static final String SPEC =
      String.join(
          "\n",
          "title: Benchmark",
          "sources: [{name: all, glob: 'runs/*'}]",
          "tables:",
          "  - {name: acc, from: summary, pivot: {rows: params.model, columns: params.shuffle, values: results.test_acc},",
          "     sort: [params.model], reference: {mlp: '68 / 68', cnn: '94 / 56'}}",
          "  - {name: stats, from: summary, where: {params.shuffle: 'false'}, group_by: [params.model],",
          "     aggregate: {results.test_acc: [mean, std, count]}, sort: [-params.model]}",
          "  - {name: picked, from: summary, select: [run, results.nested.x], sort: [-run]}",
          "charts:",
          "  - {name: curves, type: line, from: metrics, where: {params.shuffle: 'false'}, x: step, y: [test_acc], series: run}",
          "  - {name: bars, type: bar, from: acc, x: params.model, y: ['false', 'true']}",
          "  - {name: dots, type: scatter, from: summary, x: params.seed, y: results.test_acc, series: params.model}",
          "");

  @Test
  void tablesAreComputedWithTablesaw() throws Exception {
    fixtures();
    Report r = ReportBuilder.build(spec(SPEC), tmp);
    assertEquals(5, r.runs());
    Table acc = r.tables().get(0);
    assertEquals(List.of("params.model", "false", "true", "published"), acc.columnNames());
    assertEquals("cnn", acc.getString(0, "params.model"));
    assertEquals(93.0, acc.doubleColumn("false").get(0));
    assertEquals(67.0, acc.doubleColumn("false").get(1)); // mean of 66 and 68
    assertEquals(65.0, acc.doubleColumn("true").get(1));
    assertEquals("68 / 68", acc.getString(1, "published"));

    Table stats = r.tables().get(1);
    assertEquals("mlp", stats.getString(0, "params.model"));
    assertEquals(67.0, stats.doubleColumn("Mean [results.test_acc]").get(0));
    assertEquals(
        Math.sqrt(2), stats.doubleColumn("Std. Deviation [results.test_acc]").get(0), 1e-12);
    assertEquals(2.0, stats.doubleColumn("Count [results.test_acc]").get(0));
    assertEquals(List.of("run", "results.nested.x"), r.tables().get(2).columnNames());
    assertEquals("e", r.tables().get(2).getString(0, "run"));
    assertEquals(3, r.charts().size());
  }

  @Test
  void sourcesFilterOnParams() throws Exception {
    fixtures();
    Report r =
        ReportBuilder.build(
            spec(
                "sources: [{glob: 'runs/*', where: {model: cnn}}]\ntables: [{name: t, from: summary}]\n"),
            tmp);
    assertEquals(2, r.runs());
    assertEquals(2, r.tables().get(0).rowCount());
    // a list: any of its values matches (here the numeric seed, and a table's where as well)
    Report any =
        ReportBuilder.build(
            spec(
                "sources: [{glob: 'runs/*', where: {seed: [2, 7]}}]\n"
                    + "tables: [{name: t, from: metrics, where: {step: [0, 40]}}]\n"),
            tmp);
    assertEquals(1, any.runs(), "only run b has seed 2");
    assertEquals(List.of(0.0, 40.0), any.tables().get(0).doubleColumn("step").asList());
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> spec("sources: [{glob: 'runs/*', where: {seed: []}}]\ntables: []\n"));
    assertTrue(e.getMessage().contains("sources.where.seed"), e.getMessage());
  }

  @Test
  void filesAreWrittenSelfContained() throws Exception {
    fixtures();
    Path html = ReportWriter.write(ReportBuilder.build(spec(SPEC), tmp), tmp.resolve("out"));
    String page = Files.readString(html);
    assertEquals(3, page.split("data:image/png;base64,", -1).length - 1);
    assertTrue(!page.contains("http://") && !page.contains("https://"), "no network references");
    String csv = Files.readString(tmp.resolve("out/acc.csv"));
    assertTrue(csv.startsWith("params.model,false,true,published"), csv);
    String md = Files.readString(tmp.resolve("out/report.md"));
    assertTrue(md.contains("| params.model | false | true | published |"), md);
    assertTrue(md.contains("![curves](curves.png)"), md);
    for (String f : List.of("curves.png", "bars.png", "dots.png", "stats.csv", "picked.csv")) {
      assertTrue(Files.size(tmp.resolve("out").resolve(f)) > 0, f);
    }
    for (String f : List.of("curves", "bars", "dots")) {
      String svg = Files.readString(tmp.resolve("out").resolve(f + ".svg"));
      assertTrue(svg.contains("<svg") && svg.contains("</svg>"), f + ".svg is an SVG document");
      assertTrue(page.contains("href=\"" + f + ".svg\""), "the page links " + f + ".svg");
      assertTrue(md.contains("([SVG](" + f + ".svg))"), md);
    }
  }

  @Test
  void tablesRenameColumnsAddWrittenRowsAndCarryNotes() throws Exception {
    fixtures();
    String yaml =
        String.join(
            "\n",
            "sources: [{glob: 'runs/*'}]",
            "tables:",
            "  - name: acc",
            "    pivot: {rows: params.model, columns: params.shuffle, values: results.test_acc}",
            "    sort: [model]",
            "    rename: {params.model: model, 'false': normal, 'true': shuffled, absent: skipped}",
            "    reference: {mlp: '68 / 68'}",
            "    rows: [{model: human, normal: 95.75, published: '95.8 +/- 0.44'}]",
            "    note: 'Humans saw 400 distinct examples.'",
            "");
    Report r = ReportBuilder.build(spec(yaml), tmp);
    Table acc = r.tables().get(0);
    assertEquals(List.of("model", "normal", "shuffled", "published"), acc.columnNames());
    assertEquals(3, acc.rowCount());
    assertEquals("human", acc.getString(2, "model"));
    assertEquals(95.75, acc.doubleColumn("normal").get(2));
    assertTrue(acc.doubleColumn("shuffled").isMissing(2));
    assertEquals("95.8 +/- 0.44", acc.getString(2, "published"));
    assertEquals("68 / 68", acc.getString(1, "published"));
    Path html = ReportWriter.write(r, tmp.resolve("out"));
    assertTrue(Files.readString(html).contains("<p class=\"note\">Humans saw 400 distinct"));
    String md = Files.readString(tmp.resolve("out/report.md"));
    assertTrue(md.contains("| model | normal | shuffled | published |"), md);
    assertTrue(md.contains("| human | 95.75 |  | 95.8 +/- 0.44 |"), md);
    assertTrue(md.contains("Humans saw 400 distinct examples."), md);
    UserError bad =
        assertThrows(
            UserError.class,
            () -> ReportBuilder.build(spec(yaml.replace("{model: human", "{modell: human")), tmp));
    assertTrue(
        bad.getMessage().startsWith("report: tables.acc.rows: no column 'modell'"),
        bad.getMessage());
  }

  @Test
  void referenceLinesAreLabelledSeriesAcrossTheData() throws Exception {
    fixtures();
    Report r =
        ReportBuilder.build(
            spec(
                String.join(
                    "\n",
                    "sources: [{glob: 'runs/*'}]",
                    "charts:",
                    "  - {name: c, from: metrics, x: step, y: test_acc, series: run,",
                    "     hlines: [{y: 95.75, label: human, style: 'k--'}, {y: 10}]}",
                    "")),
            tmp);
    org.knowm.xchart.XYChart chart = (org.knowm.xchart.XYChart) r.charts().get(0).chart();
    org.knowm.xchart.XYSeries human = chart.getSeriesMap().get("human");
    assertTrue(human != null, "a series named by the label: " + chart.getSeriesMap().keySet());
    assertArrayEquals(new double[] {0, 40}, human.getXData(), 0.0);
    assertArrayEquals(new double[] {95.75, 95.75}, human.getYData(), 0.0);
    assertTrue(human.isShowInLegend());
    assertEquals(java.awt.Color.BLACK, human.getLineColor());
    long unlabelled =
        chart.getSeriesMap().values().stream()
            .filter(s -> !s.isShowInLegend() && s.getYData()[0] == 10)
            .count();
    assertEquals(1, unlabelled, "an unlabelled line stays out of the legend");
    ConfigError barLines =
        assertThrows(
            ConfigError.class,
            () ->
                spec(
                    "sources: [{glob: x}]\ncharts: [{name: b, type: bar, x: a, y: b, hlines: [{y: 1}]}]\n"));
    assertTrue(
        barLines.getMessage().contains("charts.b.hlines: reference lines are for line and scatter"),
        barLines.getMessage());
    ConfigError badStyle =
        assertThrows(
            ConfigError.class,
            () ->
                spec(
                    "sources: [{glob: x}]\ncharts: [{name: c, x: a, y: b, hlines: [{y: 1, style: 'k*'}]}]\n"));
    assertTrue(
        badStyle.getMessage().contains("charts.c.hlines.style: line style 'k*': unexpected '*'"),
        badStyle.getMessage());
  }

  @Test
  void imagesShowEachRunsOwnFigureWithACaption() throws Exception {
    fixtures();
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
    javax.imageio.ImageIO.write(img, "png", tmp.resolve("runs/a/fig.png").toFile());
    javax.imageio.ImageIO.write(img, "png", tmp.resolve("runs/d/fig.png").toFile());
    Files.writeString(tmp.resolve("runs/d/fig.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    Report r =
        ReportBuilder.build(
            spec(
                String.join(
                    "\n",
                    "sources: [{glob: 'runs/*'}]",
                    "images: [{name: figs, file: fig.png, title: Figures, caption: [params.model, results.test_acc]}]",
                    "")),
            tmp);
    Report.NamedImage figs = r.images().get(0);
    assertEquals(2, figs.figures().size(), "only the runs that have the file");
    assertEquals("model mlp, test_acc 66", figs.figures().get(0).caption());
    assertEquals("model cnn, test_acc 93", figs.figures().get(1).caption());
    assertEquals(null, figs.figures().get(0).svg());
    Path html = ReportWriter.write(r, tmp.resolve("out"));
    String page = Files.readString(html);
    assertEquals(2, page.split("<figure>", -1).length - 1);
    assertTrue(
        page.contains(
            "<figcaption>model cnn, test_acc 93 &middot; <a class=\"svg\" href=\"figs-2.svg\">"),
        page);
    assertTrue(
        Files.exists(tmp.resolve("out/figs-1.png")) && Files.exists(tmp.resolve("out/figs-2.svg")));
    ConfigError notPng =
        assertThrows(
            ConfigError.class,
            () -> spec("sources: [{glob: x}]\nimages: [{name: i, file: a.svg}]\n"));
    assertTrue(
        notPng.getMessage().contains("images.i.file: expected a .png file name"),
        notPng.getMessage());
  }

  /** {@code from: file:NAME.csv} reads a file each run wrote; {@code images:} embeds its PNGs. */
  @Test
  void runFilesAndImagesJoinTheReport() throws Exception {
    fixtures();
    byte[] png =
        org.mnist1d.workbench.figures.ChartImages.png(
            new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));
    for (String run : List.of("a", "b")) {
      Path d = tmp.resolve("runs").resolve(run);
      Files.writeString(
          d.resolve("rounds.csv"), "round,acc\n0,60\n1," + (run.equals("a") ? 70 : 72) + "\n");
      Files.createDirectories(d.resolve("report"));
      Files.write(d.resolve("report/fig.png"), png);
    }
    String yaml =
        String.join(
            "\n",
            "sources: [{glob: 'runs/*'}]",
            "tables:",
            "  - {name: rounds, from: 'file:rounds.csv', group_by: [round], aggregate: {acc: mean}}",
            "  - {name: byrun, from: 'file:rounds.csv', pivot: {rows: round, columns: run, values: acc}, reference: {'1': x}}",
            "charts:",
            "  - {name: acc, type: line, from: 'file:rounds.csv', x: round, y: acc, series: params.model}",
            "images:",
            "  - {file: report/fig.png, title: A figure}",
            "");
    Report r = ReportBuilder.build(spec(yaml), tmp);
    Table rounds = r.tables().get(0);
    assertEquals(2, rounds.rowCount(), "only runs a and b have the file");
    assertEquals(71.0, rounds.doubleColumn("Mean [acc]").get(1));
    Table byRun = r.tables().get(1);
    assertEquals(List.of("round", "a", "b", "published"), byRun.columnNames());
    assertEquals(72.0, byRun.doubleColumn("b").get(1));
    assertEquals("x", byRun.getString(1, "published"), "whole-number rounds match the key '1'");
    // one image entry, named after its file, with each run's figure captioned by its run
    assertEquals(1, r.images().size());
    assertEquals("fig", r.images().get(0).name());
    assertEquals("A figure", r.images().get(0).title());
    assertEquals(
        List.of("a", "b"),
        r.images().get(0).figures().stream().map(Report.Figure::caption).toList());
    Path html = ReportWriter.write(r, tmp.resolve("out"));
    String page = Files.readString(html);
    assertEquals(3, page.split("data:image/png;base64,", -1).length - 1);
    assertTrue(
        Files.exists(tmp.resolve("out/fig-1.png")) && Files.exists(tmp.resolve("out/fig-2.png")));
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                ReportBuilder.build(
                    spec("sources: [{glob: 'runs/*'}]\ntables: [{name: t, from: 'files:x.csv'}]\n"),
                    tmp));
    assertTrue(e.getMessage().contains("file:NAME.csv"), e.getMessage());
  }

  @Test
  void mistakesAreNamed() throws Exception {
    fixtures();
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> spec("sources: [{glob: x}]\ntables: [{name: t, agregate: {}}]\n"));
    assertEquals(
        "r.yaml:2:20: tables.agregate: unknown key (did you mean 'aggregate'?); expected one of name, from, source, where, "
            + "select, group_by, aggregate, pivot, sort, reference, rename, rows, note, columns",
        e.getMessage());
    ConfigError f =
        assertThrows(
            ConfigError.class,
            () -> spec("sources: [{glob: x}]\ntables: [{name: t, aggregate: {a: [avg]}}]\n"));
    assertTrue(
        f.getMessage().startsWith("r.yaml:2:35: tables.t.aggregate.a: unknown aggregate 'avg'"),
        f.getMessage());
    UserError g =
        assertThrows(
            UserError.class,
            () ->
                ReportBuilder.build(
                    spec(
                        "sources: [{glob: 'runs/*'}]\ntables: [{name: t, select: [results.test_ac]}]\n"),
                    tmp));
    assertTrue(
        g.getMessage()
            .startsWith(
                "report: tables.t.select: no column 'results.test_ac' (did you mean 'results.test_acc'?)"),
        g.getMessage());
    UserError h =
        assertThrows(
            UserError.class,
            () -> ReportBuilder.build(spec("sources: [{glob: 'nothing/*'}]\n"), tmp));
    assertTrue(h.getMessage().contains("no run directories matched [nothing/*]"), h.getMessage());
  }

  @Test
  void numbersLineUpWithinAColumn() {
    Table t =
        Table.create(
            "t",
            tech.tablesaw.api.StringColumn.create("model", "mlp", "cnn"),
            tech.tablesaw.api.DoubleColumn.create("acc", 32.3, 62.0),
            tech.tablesaw.api.DoubleColumn.create("loss", 1.7075514620542527, 1.7),
            tech.tablesaw.api.DoubleColumn.create("count", 410, 15210),
            tech.tablesaw.api.DoubleColumn.create("ms", 12345.67, 2.5));
    assertEquals(
        String.join(
            "\n",
            "| model | acc | loss | count | ms |",
            "|---|---:|---:|---:|---:|",
            "| mlp | 32.3 | 1.708 | 410 | 12345.7 |",
            "| cnn | 62.0 | 1.700 | 15210 | 2.5 |",
            ""),
        TableFormats.markdown(t));
  }

  @Test
  void comparisonPutsRunsSideBySide() throws Exception {
    fixtures();
    Table t = Comparison.sideBySide(List.of(tmp.resolve("runs/a"), tmp.resolve("runs/d")));
    assertEquals(List.of("key", "a", "d"), t.columnNames());
    assertEquals("params.model", t.getString(2, "key"));
    assertEquals("cnn", t.getString(2, "d"));
    int row = t.stringColumn("key").indexOf("results.test_acc");
    assertEquals("66", t.getString(row, "a"));
  }

  /** The shipped benchmark report: normal/shuffled columns, the human row, note and line. */
  @Test
  void shippedClassificationReportShowsTheHumanBaseline() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("configs/reports"))) {
      root = root.getParent();
    }
    String[][] runs = {{"cnn", "false", "94.3"}, {"cnn", "true", "59.7"}, {"mlp", "false", "65.6"}};
    for (String[] r : runs) {
      Path d = Files.createDirectories(tmp.resolve("runs/classification-20261201-" + r[0] + r[1]));
      Files.writeString(
          d.resolve("summary.json"),
          "{\"status\":\"done\",\"params\":{\"model\":\""
              + r[0]
              + "\",\"shuffle\":"
              + r[1]
              + "},\"results\":{\"test_acc\":"
              + r[2]
              + ",\"train_acc\":99,\"parameters\":5210}}");
      Files.writeString(
          d.resolve("metrics.csv"), "step,train_acc,test_acc\n0,10,10\n100,99," + r[2] + "\n");
    }
    Report r =
        ReportBuilder.build(
            ReportSpec.parse(
                YamlReader.parse(
                    "classification.yaml",
                    new StringReader(
                        Files.readString(root.resolve("configs/reports/classification.yaml"))))),
            tmp);
    Table acc = r.tables().get(0);
    assertEquals(
        List.of("model", "normal", "shuffled", "published (normal / shuffled)"), acc.columnNames());
    int human = acc.rowCount() - 1;
    assertEquals("human", acc.getString(human, "model"));
    assertEquals(95.75, acc.doubleColumn("normal").get(human));
    assertEquals(94.3, acc.doubleColumn("normal").get(0));
    assertEquals(59.7, acc.doubleColumn("shuffled").get(0));
    assertTrue(r.notes().get("test_accuracy").contains("quiz 2 repeats quiz 1"));
    org.knowm.xchart.XYChart test = (org.knowm.xchart.XYChart) r.charts().get(0).chart();
    assertEquals(95.75, test.getSeriesMap().get("human (95.75%)").getYData()[0]);
    assertEquals("test accuracy (%)", test.getYAxisTitle());
    assertEquals("training step", test.getXAxisTitle());
  }

  /** The shipped t-SNE comparison: renamed columns, sorted by embedding kNN, each run's figure. */
  @Test
  void shippedTsneReportComparesRepresentations() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("configs/reports"))) {
      root = root.getParent();
    }
    String[][] runs = {
      {"cnn penultimate layer (125-D)", "0.95"}, {"MNIST-1D inputs (40-D)", "0.55"}
    };
    for (int i = 0; i < runs.length; i++) {
      Path d = Files.createDirectories(tmp.resolve("runs/tsne-compare-2026-" + i));
      Files.writeString(
          d.resolve("summary.json"),
          "{\"status\":\"done\",\"params\":{},\"results\":{\"input\":\""
              + runs[i][0]
              + "\",\"points\":5000,\"knn_acc_input\":0.6,\"knn_acc\":"
              + runs[i][1]
              + ",\"kl_divergence\":2.5,\"wall_time_s\":40}}");
      Files.writeString(d.resolve("metrics.csv"), "iteration,kl_divergence\n50,3\n");
      javax.imageio.ImageIO.write(
          new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
          "png",
          d.resolve("embedding.png").toFile());
    }
    Report r =
        ReportBuilder.build(
            ReportSpec.parse(
                YamlReader.parse(
                    "tsne.yaml",
                    new StringReader(Files.readString(root.resolve("configs/reports/tsne.yaml"))))),
            tmp);
    Table t = r.tables().get(0);
    assertEquals("input", t.columnNames().get(0));
    assertEquals("MNIST-1D inputs (40-D)", t.getString(0, "input"), "sorted by embedding kNN");
    assertEquals(0.95, t.doubleColumn("k-NN acc (t-SNE)").get(1));
    assertEquals(2, r.images().get(0).figures().size());
    assertEquals(
        "input cnn penultimate layer (125-D), knn_acc 0.95",
        r.images().get(0).figures().get(0).caption());
  }

  /** The HTML opened in headless Chromium: no console errors, every chart decoded. */
  @Test
  void pageRendersInHeadlessChromium() throws Exception {
    String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
    assumeTrue(chromium != null, "chromium is not installed (CI installs it)");
    fixtures();
    Path html = ReportWriter.write(ReportBuilder.build(spec(SPEC), tmp), tmp.resolve("out"));
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + tmp.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--dump-dom",
                html.toUri().toString())
            .redirectError(tmp.resolve("console.log").toFile())
            .start();
    String dom = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String console = Files.readString(tmp.resolve("console.log"));
    assertTrue(
        dom.contains("data-charts-rendered=\"3/3\""),
        "every chart rendered: " + dom.substring(0, Math.min(300, dom.length())));
    for (String line : console.lines().toList()) {
      boolean pageError =
          line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("Failed to load");
      assertTrue(!pageError, "console error: " + line);
    }
  }
}
