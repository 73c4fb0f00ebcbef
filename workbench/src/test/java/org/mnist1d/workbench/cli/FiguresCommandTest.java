package org.mnist1d.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench figures transforms}: the files it writes, and one-line errors. */
class FiguresCommandTest {
  @TempDir Path tmp;

  @Test
  void transformsWritesPanelsAnAnimationAndTheTemplates() throws Exception {
    Path out = tmp.resolve("figs");
    CommandRun r =
        CommandRun.of("figures", "transforms", "--out", out.toString(), "--delay-ms", "500");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote 10 files to " + out), r.out());
    int width = -1;
    for (int i = 0; i < 8; i++) {
      BufferedImage panel = ImageIO.read(out.resolve("transform_" + i + ".png").toFile());
      assertTrue(panel.getWidth() >= 10 * 90, "ten signals side by side");
      width = width < 0 ? panel.getWidth() : width;
      assertEquals(width, panel.getWidth(), "frames share one size");
    }
    assertTrue(ImageIO.read(out.resolve("templates.png").toFile()).getWidth() > 0);
    try (ImageInputStream in =
        ImageIO.createImageInputStream(out.resolve("transforms.gif").toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(8, reader.getNumImages(true), "one frame per panel");
      IIOMetadataNode first =
          (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode control =
          (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
      assertEquals("50", control.getAttribute("delayTime"), "hundredths of a second");
      IIOMetadataNode app =
          (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
      assertEquals("NETSCAPE", app.getAttribute("applicationID"), "loops in browsers");
      IIOMetadataNode last =
          (IIOMetadataNode) reader.getImageMetadata(7).getAsTree("javax_imageio_gif_image_1.0");
      assertEquals(
          "150",
          ((IIOMetadataNode) last.getElementsByTagName("GraphicControlExtension").item(0))
              .getAttribute("delayTime"));
      reader.dispose();
    }
  }

  @Test
  void badArgumentsAreOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    String[][] cases = {
      {"figures", "transforms"},
      {"figures", "transforms", "--out", file.toString()},
      {"figures", "transforms", "--out", tmp.resolve("d").toString(), "--delay-ms", "0"},
      {"figures", "transforms", "--out", tmp.resolve("d").toString(), "--colour", "red"},
      {"figures", "tranforms"},
    };
    String[] expected = {
      "Missing required option: '--out=DIR'",
      "--out " + file + ": exists and is not a directory",
      "--delay-ms: expected 10 to 60000 milliseconds, got 0",
      "Unknown options: '--colour', 'red'",
      "Unmatched argument at index 1: 'tranforms'",
    };
    for (int i = 0; i < cases.length; i++) {
      CommandRun r = CommandRun.of(cases[i]);
      assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("error: " + expected[i]), r.err());
    }
    assertTrue(!Files.exists(tmp.resolve("d")), "nothing written");
  }
}
