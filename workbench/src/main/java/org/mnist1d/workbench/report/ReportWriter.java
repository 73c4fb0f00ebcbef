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
import java.util.Map;
import org.mnist1d.io.AtomicFile;
import org.mnist1d.workbench.base.Template;
import org.mnist1d.workbench.config.YamlReader;
import tech.tablesaw.api.Table;

/**
 * Writes a {@link Report}: {@code report.html} (self-contained: charts embedded as PNG data, no
 * network needed, each linked to its SVG; the page around them is the resource {@code page.html}),
 * {@code report.md} (charts as PNG files beside it), a PNG and an SVG per chart, and a CSV per
 * table.
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
      Instant generated = Instant.now();
      StringBuilder html = new StringBuilder(); // the page's body; page.html is around it
      StringBuilder md =
          new StringBuilder("# ")
              .append(r.title())
              .append("\n\n")
              .append(r.runs())
              .append(" run(s); generated ")
              .append(generated)
              .append("\n\n");
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
        String note = r.notes().get(t.name());
        if (note != null) {
          html.append("<p class=\"note\">").append(TableFormats.escape(note)).append("</p>\n");
          md.append(note).append("\n\n");
        }
        String csv = t.write().toString("csv");
        text(outDir.resolve(file(t.name()) + ".csv"), csv);
      }
      for (Report.NamedChart c : r.charts()) {
        byte[] png = c.png();
        String svg = c.svg(); // null for a figure of panels: PNG only
        AtomicFile.write(outDir.resolve(file(c.name()) + ".png"), out -> out.write(png));
        if (svg != null) {
          text(outDir.resolve(file(c.name()) + ".svg"), svg);
        }
        html.append("<h2>")
            .append(TableFormats.escape(c.title()))
            .append("</h2>\n")
            .append("<img class=\"chart\" alt=\"")
            .append(TableFormats.escape(c.name()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(png))
            .append("\">\n");
        if (svg != null) {
          html.append("<p><a class=\"svg\" href=\"")
              .append(TableFormats.escape(file(c.name())))
              .append(".svg\">SVG</a></p>\n");
        }
        md.append("## ")
            .append(c.title())
            .append("\n\n![")
            .append(c.name())
            .append("](")
            .append(file(c.name()))
            .append(".png)");
        if (svg != null) {
          md.append(" ([SVG](").append(file(c.name())).append(".svg))");
        }
        md.append("\n\n");
      }
      for (Report.NamedImage image : r.images()) {
        html.append("<h2>")
            .append(TableFormats.escape(image.title()))
            .append("</h2>\n<div class=\"figures\">\n");
        md.append("## ").append(image.title()).append("\n\n");
        int k = 0;
        for (Report.Figure f : image.figures()) {
          k++;
          String base = file(image.name()) + "-" + k;
          AtomicFile.write(outDir.resolve(base + ".png"), out -> out.write(f.png()));
          html.append("<figure><img class=\"chart\" alt=\"")
              .append(TableFormats.escape(f.caption()))
              .append("\" src=\"data:image/png;base64,")
              .append(Base64.getEncoder().encodeToString(f.png()))
              .append("\"><figcaption>")
              .append(TableFormats.escape(f.caption()));
          md.append("![").append(f.caption()).append("](").append(base).append(".png)");
          if (f.svg() != null) {
            text(outDir.resolve(base + ".svg"), f.svg());
            html.append(" &middot; <a class=\"svg\" href=\"")
                .append(TableFormats.escape(base))
                .append(".svg\">SVG</a>");
            md.append(" ([SVG](").append(base).append(".svg))");
          }
          html.append("</figcaption></figure>\n");
          md.append("\n\n");
        }
        if (image.figures().isEmpty()) {
          html.append("<p class=\"note\">No run has this figure.</p>\n");
          md.append("No run has this figure.\n\n");
        }
        html.append("</div>\n");
      }
      text(outDir.resolve("report.md"), md.toString());
      Path index = outDir.resolve("report.html");
      text(
          index,
          Template.render(
              ReportWriter.class,
              "page.html",
              Map.of(
                  "title", TableFormats.escape(r.title()),
                  "runs", String.valueOf(r.runs()),
                  "generated", generated.toString(),
                  "body", html.toString())));
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
