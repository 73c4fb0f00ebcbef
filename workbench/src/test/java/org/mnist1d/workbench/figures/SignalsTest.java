package org.mnist1d.workbench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.mnist1d.Mnist1dData;

class SignalsTest {

  /** A vertical line at value +v: a panel must draw black pixels right of its centre only. */
  @Test
  void aConstantSignalIsAVerticalLineOnItsSideOfThePanel() {
    double[] t = {-1, -0.5, 0, 0.5, 1};
    double[][] xs = {{1, 1, 1, 1, 1}, {-1, -1, -1, -1, -1}};
    BufferedImage img = Signals.signals(xs, new double[][] {t, t}, new int[] {3, 7});
    assertEquals(2 * Signals.PANEL_WIDTH, img.getWidth());
    assertEquals(Signals.PANEL_HEIGHT, img.getHeight());
    int mid = Signals.PANEL_HEIGHT / 2;
    assertTrue(
        darkColumns(img, 0, Signals.PANEL_WIDTH / 2, mid) == 0,
        "left half of panel 0 is empty at mid-height");
    assertTrue(
        darkColumns(img, Signals.PANEL_WIDTH / 2, Signals.PANEL_WIDTH - 3, mid) > 0,
        "the line is right of centre");
    assertTrue(
        darkColumns(
                img, Signals.PANEL_WIDTH + 3, Signals.PANEL_WIDTH + Signals.PANEL_WIDTH / 2, mid)
            > 0,
        "panel 1's line is left of centre");
    assertTrue(
        darkColumns(
                img,
                Signals.PANEL_WIDTH + Signals.PANEL_WIDTH / 2 + 2,
                2 * Signals.PANEL_WIDTH - 3,
                mid)
            == 0);
  }

  @Test
  void examplesShowTheFirstTrainingSignals() {
    double[] t = {0, 1};
    Mnist1dData d =
        new Mnist1dData(
            new double[][] {{0, 1}, {1, 0}, {2, 2}},
            new int[] {4, 5, 6},
            new double[0][],
            new int[0],
            t);
    assertEquals(2 * Signals.PANEL_WIDTH, Signals.examples(d, 2).getWidth());
    assertEquals(3 * Signals.PANEL_WIDTH, Signals.examples(d, 10).getWidth());
  }

  @Test
  void mismatchedLengthsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Signals.signals(new double[][] {{1, 2}}, new double[][] {{1}}, new int[] {0}));
  }

  private static int darkColumns(BufferedImage img, int from, int to, int y) {
    int n = 0;
    for (int x = from; x < to; x++) {
      int rgb = img.getRGB(x, y);
      int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
      if (r < 80 && g < 80 && b < 80) {
        n++;
      }
    }
    return n;
  }
}
