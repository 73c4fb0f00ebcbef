package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {

  private final List<MimeBundle> shown = new ArrayList<>();

  @AfterEach
  void restore() {
    Display.routeTo(null);
  }

  @Test
  void displayRoutesEachKindToItsMimeType() throws Exception {
    Display.routeTo(shown::add);
    Display.display("plain");
    Display.display(Display.html("<b>x</b> & y"));
    Display.display(Display.svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    Display.display(Display.png(png));
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a'};
    Display.display(Display.gif(gif));

    assertEquals(5, shown.size());
    assertArrayEquals(gif, Base64.getDecoder().decode(shown.get(4).data().get(MimeBundle.GIF)));
    assertEquals(
        "<img src=\"data:image/gif;base64," + Base64.getEncoder().encodeToString(gif) + "\">",
        shown.get(4).data().get(MimeBundle.HTML));
    assertEquals("<GIF image, 6 bytes>", shown.get(4).data().get(MimeBundle.TEXT));
    assertEquals("plain", shown.get(0).data().get(MimeBundle.TEXT));
    assertEquals("<b>x</b> & y", shown.get(1).data().get(MimeBundle.HTML));
    assertEquals("x & y", shown.get(1).data().get(MimeBundle.TEXT));
    assertTrue(shown.get(2).data().get(MimeBundle.SVG).startsWith("<svg"));
    assertArrayEquals(png, Base64.getDecoder().decode(shown.get(3).data().get(MimeBundle.PNG)));
  }

  @Test
  void withoutAKernelTheTextFormIsPrinted() {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Display.display(Display.html("<i>only text</i>"));
    } finally {
      System.setOut(old);
    }
    assertEquals("only text", out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void aTableIsShownAsAnEscapedHtmlTableUnderItsName() {
    Table t =
        Table.create(
            "runs",
            StringColumn.create("model", "mlp", "<cnn>"),
            DoubleColumn.create("acc", 0.5, 0.25));
    MimeBundle b = MimeBundle.of(t);
    String html = b.data().get(MimeBundle.HTML);
    assertTrue(html.startsWith("<p><b>runs</b></p>"), html);
    assertTrue(html.contains("<th>model</th><th>acc</th>"), html);
    assertTrue(html.contains("<td>&lt;cnn&gt;</td>"), html);
    assertEquals(2, html.split("<tr><td>", -1).length - 1);
    assertTrue(b.data().get(MimeBundle.TEXT).contains("mlp"));
  }

  @Test
  void longTablesAreCut() {
    Table t = Table.create("n", DoubleColumn.create("v", new double[TableHtml.MAX_ROWS + 7]));
    String html = TableHtml.html(t);
    assertEquals(TableHtml.MAX_ROWS, html.split("<tr><td", -1).length - 1);
    assertTrue(html.contains("7 more rows"), html);
  }

  @Test
  void aChartIsShownAsAPngOfItsSizeAndCanBeSvg() throws Exception {
    XYChart chart = new XYChartBuilder().width(320).height(200).title("t").build();
    chart.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 0, 1});
    MimeBundle b = MimeBundle.of(chart);
    BufferedImage img =
        ImageIO.read(
            new ByteArrayInputStream(Base64.getDecoder().decode(b.data().get(MimeBundle.PNG))));
    assertEquals(320, img.getWidth());
    assertEquals(200, img.getHeight());
    String svg = Display.svg(chart).data().get(MimeBundle.SVG);
    assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    assertTrue(svg.contains("width=\"320"), svg.substring(0, Math.min(400, svg.length())));
  }

  @Test
  void underIJavaDisplaysGoToItsKernel() {
    io.github.spencerpark.ijava.IJava.Kernel ijava = new io.github.spencerpark.ijava.IJava.Kernel();
    io.github.spencerpark.ijava.IJava.kernel = ijava;
    try {
      Display.display(Display.html("<p>under IJava</p>"));
    } finally {
      io.github.spencerpark.ijava.IJava.kernel = null;
    }
    assertEquals(1, ijava.shown.size());
    assertEquals("<p>under IJava</p>", ijava.shown.get(0).data.get(MimeBundle.HTML));
    assertEquals("under IJava", ijava.shown.get(0).data.get(MimeBundle.TEXT));
  }

  @Test
  void bundlesBecomeJupyterDisplayDataWithTheSameTypes() {
    DisplayData d = Display.toDisplayData(Display.html("<p>a</p>"));
    assertEquals("<p>a</p>", d.getData(org.dflib.jjava.jupyter.kernel.display.common.Text.HTML));
    assertEquals("a", d.getData(org.dflib.jjava.jupyter.kernel.display.common.Text.PLAIN));
  }
}
