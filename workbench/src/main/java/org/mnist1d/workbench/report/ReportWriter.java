package org.mnist1d.workbench.report;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.mnist1d.io.AtomicFile;
import org.mnist1d.workbench.config.YamlReader;
import tech.tablesaw.api.Table;

/**
 * Writes a {@link Report}: {@code report.html} (self-contained: charts embedded as PNG data, no
 * network needed), {@code report.md} (charts as PNG files beside it), and a CSV per table.
 */
public final class ReportWriter {
  private ReportWriter() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Builds an experiment's default report (YAML text) for one run, into {@code runDir/report}. */
  public static Path forRun(String specYaml, Path runDir) {
    return forRun(specYaml, runDir, runDir.resolve("report"));
  }

  /** As {@link #forRun(String, Path)}, into {@code outDir}. */
  public static Path forRun(String specYaml, Path runDir, Path outDir) {
    ReportSpec spec =
        ReportSpec.parse(YamlReader.parse("default report", new StringReader(specYaml)));
    return write(ReportBuilder.build(spec, runDir), outDir);
  }

  /** Writes every file of {@code r} into {@code outDir}; returns the HTML file. */
  public static Path write(Report r, Path outDir) {
    try {
      Files.createDirectories(outDir);
      StringBuilder html = new StringBuilder();
      StringBuilder md =
          new StringBuilder("# ")
              .append(r.title())
              .append("\n\n")
              .append(r.runs())
              .append(" run(s); generated ")
              .append(Instant.now())
              .append("\n\n");
      html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
          .append(TableFormats.escape(r.title()))
          .append("</title>\n<style>")
          .append("body{font-family:sans-serif;margin:2em auto;max-width:960px;color:#222}")
          .append("table.wb-table{border-collapse:collapse;margin:1em 0}")
          .append(".wb-table th,.wb-table td{border:1px solid #ccc;padding:4px 8px}")
          .append(".wb-table td.num{text-align:right;font-variant-numeric:tabular-nums}")
          .append(".wb-table th{background:#f3f3f3}img.chart{max-width:100%;border:1px solid #eee}")
          .append("</style></head><body>\n<h1>")
          .append(TableFormats.escape(r.title()))
          .append("</h1>\n<p>")
          .append(r.runs())
          .append(" run(s); generated ")
          .append(Instant.now())
          .append("</p>\n");
      for (Table t : r.tables()) {
        html.append("<h2>")
            .append(TableFormats.escape(t.name()))
            .append("</h2>\n")
            .append(TableFormats.html(t, 500))
            .append("<p><a href=\"")
            .append(TableFormats.escape(file(t.name())))
            .append(".csv\">CSV</a></p>\n");
        md.append("## ")
            .append(t.name())
            .append("\n\n")
            .append(TableFormats.markdown(t))
            .append('\n');
        String csv = t.write().toString("csv");
        text(outDir.resolve(file(t.name()) + ".csv"), csv);
      }
      for (Report.NamedChart c : r.charts()) {
        byte[] png = BitmapEncoder.getBitmapBytes(c.chart(), BitmapEncoder.BitmapFormat.PNG);
        AtomicFile.write(outDir.resolve(file(c.name()) + ".png"), out -> out.write(png));
        html.append("<h2>")
            .append(TableFormats.escape(c.chart().getTitle()))
            .append("</h2>\n")
            .append("<img class=\"chart\" alt=\"")
            .append(TableFormats.escape(c.name()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(png))
            .append("\">\n");
        md.append("## ")
            .append(c.chart().getTitle())
            .append("\n\n![")
            .append(c.name())
            .append("](")
            .append(file(c.name()))
            .append(".png)\n\n");
      }
      java.util.Set<String> used = new java.util.HashSet<>();
      for (Report.NamedImage i : r.images()) {
        String name = file(i.fileName());
        for (int k = 2; !used.add(name); k++) {
          name = k + "-" + file(i.fileName());
        }
        Path target = outDir.resolve(name);
        // a run's own figure in its report folder is already there
        if (!Files.exists(target)
            || !java.util.Arrays.equals(Files.readAllBytes(target), i.png())) {
          AtomicFile.write(target, out -> out.write(i.png()));
        }
        html.append("<h2>")
            .append(TableFormats.escape(i.title()))
            .append("</h2>\n<img class=\"chart\" alt=\"")
            .append(TableFormats.escape(i.title()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(i.png()))
            .append("\">\n");
        md.append("## ")
            .append(i.title())
            .append("\n\n![")
            .append(i.title())
            .append("](")
            .append(name)
            .append(")\n\n");
      }
      // Marks the page once every chart has decoded, so a headless browser can check them.
      html.append(
              "<script>window.addEventListener('load',function(){var i=document.querySelectorAll('img.chart'),n=0;")
          .append("i.forEach(function(e){if(e.complete&&e.naturalWidth>0)n++;});")
          .append(
              "document.body.setAttribute('data-charts-rendered',n+'/'+i.length);});</script>\n</body></html>\n");
      text(outDir.resolve("report.md"), md.toString());
      Path index = outDir.resolve("report.html");
      text(index, html.toString());
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String file(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  private static void text(Path p, String s) throws IOException {
    AtomicFile.write(p, out -> out.write(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** The charts' and tables' file names a report writes, for listing. */
  static List<String> files(Report r) {
    return r.tables().stream().map(t -> file(t.name()) + ".csv").toList();
  }
}
